using Dashboard.Access;
using Dashboard.Localization;
using Dashboard.Situation;
using Dashboard.Situation.Ingestion;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Dashboard.Components.ReportEntry;

public sealed partial class ReportFormDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;
    [Inject] private SituationService Situation { get; set; } = null!;
    [Inject] private CircuitClient Client { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    [Parameter, EditorRequired] public Incident Incident { get; set; } = null!;

    private MudForm? _form;
    private ReportDraft _draft = null!;
    private IReadOnlyList<Source> _sources = [];
    private IDictionary<string, string[]> _errors = new Dictionary<string, string[]>();
    private ReportPreview? _preview;
    private NewReport? _previewed;
    private string? _previewedDraft;
    private string? _saveProblem;
    private bool _busy;

    protected override async Task OnInitializedAsync()
    {
        _draft = ReportDraft.StartingNow(Incident, Clock.GetUtcNow());
        _sources = await Situation.GetSourcesAsync(Incident.Slug);
    }

    private string? Error(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private Task<IEnumerable<string>> SearchSources(string? text, CancellationToken _) => Task.FromResult(
        _sources.Select(s => s.Name).Where(n => string.IsNullOrWhiteSpace(text) || n.Contains(text, StringComparison.OrdinalIgnoreCase)));

    // A known source brings its kind along.
    private void OnSourceChanged(string? name)
    {
        _draft.SourceName = name ?? "";
        if (_sources.FirstOrDefault(s => SourceNames.Same(s.Name, name ?? "")) is { } known)
            _draft.SourceKind = Vocabulary.WireName(known.Kind);
    }

    /// <summary>Checks the draft with the API's rules and shows what saving it would change; nothing is written.</summary>
    private async Task PreviewAsync()
    {
        _saveProblem = null;
        _preview = null;
        _previewed = Validate();
        _previewedDraft = DraftText();
        if (_previewed is not null)
            _preview = await Situation.PreviewAsync(Incident.Slug, _previewed);
    }

    // The draft as the API would receive it, to tell whether it changed since the preview.
    private string DraftText() => System.Text.Json.JsonSerializer.Serialize(_draft.ToSubmission(Incident));

    private NewReport? Validate()
    {
        var errors = new ValidationErrors();
        var report = Situation.Validator.Validate(_draft.ToSubmission(Incident), Incident, errors);
        // A known source keeps the kind it was first given, as the journal will insist: said here, beside the field.
        if (report is not null && _sources.FirstOrDefault(s => SourceNames.Same(s.Name, report.Source.Name)) is { } known && known.Kind != report.Source.Kind)
        {
            errors.Add("source.kind", Say.Format("Form.KindMismatch", known.Name, Terms.SourceKindWords(known.Kind), Terms.SourceKindWords(report.Source.Kind)));
            report = null;
        }
        _errors = errors.ToDictionary();
        return report;
    }

    private async Task SaveAsync()
    {
        // What is saved is what was previewed, checked again in case the analyst edited after previewing.
        var report = Validate();
        if (report is null || _previewed is null || DraftText() != _previewedDraft)
        {
            _preview = null;
            _saveProblem = Say.Text(report is null ? "Form.FixFields" : "Form.ChangedSincePreview");
            return;
        }
        _busy = true;
        try
        {
            if (await Client.ActorForAsync(AccessPolicies.Analyst) is not { } actor)
                return;
            await Situation.SubmitAsync(Incident, [_previewed], actor, "report", CancellationToken.None);
            Snackbar.Add(Say.Format("Form.Saved", _previewed.Source.Name), Severity.Success);
            Dialog.Close(DialogResult.Ok(_previewed.Id));
        }
        catch (Exception e) when (e is ReportIdConflictException or SourceKindConflictException || Data.DatabaseErrors.IsDatabaseFailure(e))
        {
            _saveProblem = Say.Format("Form.NothingSaved", e.Message);
        }
        finally
        {
            _busy = false;
        }
    }
}
