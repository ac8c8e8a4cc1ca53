using FluentValidation;
using SmeSupport.Cases.Contracts;
using SmeSupport.Cases.Domain;

namespace SmeSupport.Cases.Application;

/// <summary>Field rules for opening a case. Rules needing other data (enterprise exists, contact belongs to it) are checked by the service.</summary>
internal sealed class CreateSupportCaseValidator : AbstractValidator<CreateSupportCaseDto>
{
    public CreateSupportCaseValidator()
    {
        RuleFor(x => x.EnterpriseId).Must(id => id is { } g && g != Guid.Empty).WithMessage("Enterprise is required.");
        RuleFor(x => x.ContactId).Must(id => id != Guid.Empty).WithMessage("Contact id must not be the empty GUID.");
        RuleFor(x => x.AssigneeId).Must(id => id != Guid.Empty).WithMessage("Assignee id must not be the empty GUID.");
        RuleFor(x => x.Subject).Cascade(CascadeMode.Stop)
            .Must(s => !string.IsNullOrWhiteSpace(s)).WithMessage("Subject is required.")
            .Must(s => s!.Trim().Length <= SupportCase.SubjectMaxLength)
            .WithMessage($"Subject must be at most {SupportCase.SubjectMaxLength} characters.");
        RuleFor(x => x.Description)
            .Must(d => d is null || d.Trim().Length <= SupportCase.DescriptionMaxLength)
            .WithMessage($"Description must be at most {SupportCase.DescriptionMaxLength} characters.");
        RuleFor(x => x.Type).NotNull().WithMessage("Type is required.").IsInEnum().WithMessage("Type is not one of the known values.");
        RuleFor(x => x.Channel).NotNull().WithMessage("Channel is required.").IsInEnum().WithMessage("Channel is not one of the known values.");
        RuleFor(x => x.Priority).IsInEnum().WithMessage("Priority is not one of the known values.");
    }
}
