using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace SmeSupport.Web.UI;

/// <summary>
/// The <see cref="RequiredAttribute"/> MVC adds by itself to every non-nullable value-type property carries no message, so data-annotations
/// localization skips it and the page shows ASP.NET's English template ("The Ghi nhớ đăng nhập field is required."). A checkbox
/// (<c>bool</c>) always posts a value, so its implicit rule is dropped; on other value types the rule gets the localized
/// <c>Validation.Required</c> message of <see cref="WebUIResource"/>. Declared <c>[Required]</c> attributes are left as written.
/// </summary>
internal sealed class ImplicitRequiredMetadataProvider : IValidationMetadataProvider
{
    /// <inheritdoc />
    public void CreateValidationMetadata(ValidationMetadataProviderContext context)
    {
        if (context.Key.MetadataKind != ModelMetadataKind.Property
            || context.Attributes.OfType<RequiredAttribute>().Any())
        {
            return;
        }

        if (context.Key.ModelType == typeof(bool))
        {
            // The client-side adapter adds its own English "required" rule whenever ModelMetadata.IsRequired is true, which for a
            // non-nullable value type it is unless validation metadata says otherwise.
            context.ValidationMetadata.IsRequired = false;
        }

        var validators = context.ValidationMetadata.ValidatorMetadata;
        for (var i = validators.Count - 1; i >= 0; i--)
        {
            if (validators[i] is not RequiredAttribute { ErrorMessage: null, ErrorMessageResourceType: null } required)
            {
                continue;
            }

            if (context.Key.ModelType == typeof(bool))
            {
                validators.RemoveAt(i);
            }
            else
            {
                required.ErrorMessage = "Validation.Required";
            }
        }
    }
}
