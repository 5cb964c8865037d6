namespace Dashboard.Situation.Ingestion;

/// <summary>
/// Problems found in a submission, keyed by the field's path as the client wrote it (e.g. "figures[1].count"). A big
/// file's problems are all counted but only the first <c>listAtMost</c> kept, so a wrong file costs a bounded answer.
/// </summary>
public sealed class ValidationErrors(int listAtMost = int.MaxValue)
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);
    private int _listed;

    public bool Any => Count > 0;

    /// <summary>How many problems were found, listed or not: a check compares it before and after to learn whether it found any.</summary>
    public int Count { get; private set; }

    /// <summary>Problems found beyond the first <c>listAtMost</c>: counted, not listed.</summary>
    public int Unlisted => Count - _listed;

    public void Add(string field, string message)
    {
        Count++;
        if (_listed >= listAtMost)
            return;
        _listed++;
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
