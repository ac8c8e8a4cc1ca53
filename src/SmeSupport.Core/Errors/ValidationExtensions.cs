using FluentValidation;

namespace SmeSupport.Errors;

/// <summary>Collects field errors from FluentValidation and from rules that need the database, then throws once.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    /// <summary>True when no error was added.</summary>
    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Adds an error for a field (camelCase, as in the request body).</summary>
    public FieldErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        if (!list.Contains(message))
        {
            list.Add(message);
        }

        return this;
    }

    /// <summary>True when the field already has an error (so database checks can be skipped for it).</summary>
    public bool Has(string field) => _errors.ContainsKey(field);

    /// <summary>Runs a validator and adds its failures.</summary>
    public async Task<FieldErrors> AddFromAsync<T>(IValidator<T> validator, T instance, CancellationToken cancellationToken = default)
    {
        var result = await validator.ValidateAsync(instance, cancellationToken);
        foreach (var failure in result.Errors)
        {
            Add(CamelCase(failure.PropertyName), failure.ErrorMessage);
        }

        return this;
    }

    /// <summary>Throws <see cref="InputValidationException"/> (400) when any error was added.</summary>
    public void ThrowIfAny()
    {
        if (!IsEmpty)
        {
            throw new InputValidationException(_errors.ToDictionary(k => k.Key, k => k.Value.ToArray()));
        }
    }

    /// <summary>camelCases each segment of a property path (<c>Contacts[0].Email</c> → <c>contacts[0].email</c>).</summary>
    public static string CamelCase(string name) =>
        string.Join('.', name.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
