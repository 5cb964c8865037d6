namespace Dashboard.Situation.Ingestion;

/// <summary>Problems found in a submission, keyed by the field's path as the client wrote it (e.g. "figures[1].count").</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    /// <summary>How many problems are known so far: a check compares it before and after to learn whether it found any.</summary>
    public int Count => _errors.Values.Sum(m => m.Count);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
            _errors[field] = messages = [];
        messages.Add(message);
    }

    public IDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}

public sealed class SubmissionRejectedException(ValidationErrors errors)
    : Exception("The submission was refused: " + string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public ValidationErrors Errors { get; } = errors;
}
