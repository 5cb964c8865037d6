using Dashboard.Access;
using Microsoft.AspNetCore.Authorization;
using Dashboard.Situation;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Situation;

/// <summary>
/// The analyst's page for one incident. Reads everything from <see cref="SituationService"/>, keeps the nationality
/// filter and the as-of moment in the URL, and follows every committed write while it shows the live situation.
/// </summary>
public sealed partial class SituationPage : LiveScreen
{
    private static readonly TimeSpan ChangeHighlightDuration = TimeSpan.FromSeconds(4);

    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private Microsoft.Extensions.Options.IOptions<Wall.WallSettings> WallSettings { get; set; } = null!;

    [Inject] private IAuthorizationService Authorization { get; set; } = null!;
    [CascadingParameter] private Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState> Authentication { get; set; } = null!;

    [Parameter] public string Slug { get; set; } = "";
    [SupplyParameterFromQuery(Name = "country")] public string? CountryQuery { get; set; }
    [SupplyParameterFromQuery(Name = "asOf")] public string? AsOfQuery { get; set; }
    /// <summary>"open": the over-time charts are drawn (kept in the address, so a shared link shows them too).</summary>
    [SupplyParameterFromQuery(Name = "overTime")] public string? OverTime { get; set; }

    private SituationSnapshot? _situation;
    private bool _loaded;
    private CountryFilter _filter = CountryFilter.None;
    private DateTimeOffset? _asOf;
    private readonly List<string> _queryProblems = [];
    private ChangeHighlight _highlight = null!;
    private bool _newReportsWhileInPast;
    private (string Slug, string? AsOf)? _shownFor;
    private bool _isAnalyst;
    private object? _analystCheckedFor;

    protected override void OnInitialized()
    {
        _highlight = new ChangeHighlight(ChangeHighlightDuration, action => InvokeAsync(() => Reader.RunAsync(action)));
    }

    protected override async Task OnParametersSetAsync()
    {
        await CheckAnalystAsync();
        ReadQuery();
        // A moment the analyst picked here is already on screen when the address catches up with it.
        if (_situation is not null && _shownFor == (Slug, AsOfQuery))
            return;
        Follow(Slug);
        await ShowAsync();
        _loaded = true;
    }

    // Asked once per sign-in state, not on every live update as an AuthorizeView would: thousands of open pages
    // re-render on each write.
    private async Task CheckAnalystAsync()
    {
        if (ReferenceEquals(_analystCheckedFor, Authentication))
            return;
        _analystCheckedFor = Authentication;
        _isAnalyst = (await Authorization.AuthorizeAsync((await Authentication).User, AccessPolicies.Analyst)).Succeeded;
    }

    private async Task ShowAsync()
    {
        _situation = await Situation.GetSituationAsync(Slug, _asOf);
        _shownFor = (Slug, AsOfQuery);
        _newReportsWhileInPast = false;
        _highlight.Clear();
    }

    // The report of the moment and nationalities shown, for printing or saving as PDF.
    private string SitrepHref => Briefing.SitrepAddress.Page(Slug, _asOf, _filter.Codes);

    private void ReadQuery()
    {
        _queryProblems.Clear();
        (_filter, _asOf) = PageQuery.Read(CountryQuery, AsOfQuery, _queryProblems);
    }

    // The same rule as the wall's: no new report for the stale interval, and the live view says so.
    private DateTimeOffset? StaleSince(SituationSnapshot situation) =>
        situation.StaleSince(TimeSpan.FromMinutes(WallSettings.Value.StaleAfterMinutes), Clock.GetUtcNow());

    protected override async Task OnIncidentChangedAsync()
    {
        if (_asOf is not null)
        {
            // A page showing the past stays where the analyst put it.
            _newReportsWhileInPast = true;
            return;
        }
        var before = _situation;
        _situation = await Situation.GetSituationAsync(Slug);
        _highlight.Mark(before, _situation, StateHasChanged);
    }

    private void OnFilterChanged(IReadOnlyCollection<string> codes) => Navigate(
        "country", codes.Count == 0 ? null : string.Join(",", codes.Order(StringComparer.Ordinal)));

    // Shown at once, without waiting for the browser to report the new address: the step is one round trip, not two.
    private async Task OnAsOfChanged(DateTimeOffset? asOf)
    {
        var text = asOf is { } moment ? _situation!.Incident.InLocalTime(moment).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture) : null;
        AsOfQuery = text;
        ReadQuery();
        await ShowAsync();
        Navigate("asOf", text);
    }

    // Each change is a new history entry, so reload, a shared link and the back button all keep the view.
    private void Navigate(string parameter, string? value) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(parameter, value));

    protected override void OnDispose() => _highlight?.Dispose();
}
