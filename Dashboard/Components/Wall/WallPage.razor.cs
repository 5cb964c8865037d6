using Dashboard.Components.Situation;
using Dashboard.Situation;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Components.Wall;

public enum WallView { Tallies, Timeline, Countries, OverTime, Map }

/// <summary>
/// The crisis-room wall: one incident, read across a room, left alone for days. Follows every committed write,
/// can cycle through its views, and can replay the incident through the as-of mechanism for exercises.
/// </summary>
public sealed partial class WallPage : LiveScreen
{
    private static readonly TimeSpan ChangeHighlightDuration = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan ReplayTick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReplayHoldAtEnd = TimeSpan.FromSeconds(30);
    private static readonly WallView[] Views = Enum.GetValues<WallView>();

    [Inject] private IOptions<WallSettings> Settings { get; set; } = null!;
    [Inject] private Dashboard.Access.CircuitClient Client { get; set; } = null!;

    [Parameter] public string Slug { get; set; } = "";
    [SupplyParameterFromQuery(Name = "country")] public string? CountryQuery { get; set; }
    [SupplyParameterFromQuery(Name = "rotate")] public string? RotateQuery { get; set; }
    [SupplyParameterFromQuery(Name = "replay")] public string? ReplayQuery { get; set; }
    [SupplyParameterFromQuery(Name = "speed")] public string? SpeedQuery { get; set; }
    [SupplyParameterFromQuery(Name = "staleAfter")] public string? StaleAfterQuery { get; set; }
    [SupplyParameterFromQuery(Name = "theme")] public string? ThemeQuery { get; set; }
    [SupplyParameterFromQuery(Name = "asOf")] public string? AsOfQuery { get; set; }
    [SupplyParameterFromQuery(Name = "pageSeconds")] public string? PageSecondsQuery { get; set; }

    private WallOptions _options = null!;
    private SituationSnapshot? _situation;
    private bool _loaded;
    private ChangeHighlight _highlight = null!;
    private DateTimeOffset _now;
    private int _viewIndex;
    private DateTimeOffset _replayStartedAt;
    private DateTimeOffset? _replayEndedAt;
    private ITimer? _ticker;
    private ITimer? _rotation;

    private WallView CurrentView => Views[_viewIndex % Views.Length];

    // The wall is dark and high-contrast unless the screen is set up with ?theme=light.
    private string RootClass => $"wall-root {(ThemeQuery == "light" ? "wall-light" : "wall-dark")}{(_options.Replay ? " wall-replay" : "")}{(_options.RotateSeconds is null ? "" : " wall-rotating")}{(_options.IsLive && _situation is { } shown && IsStale(shown) ? " wall-is-stale" : "")}";

    // The charts and the map need the whole screen: a wall shows them only in its rotation, each in its turn.
    private static readonly WallView[] OnlyInRotation = [WallView.OverTime, WallView.Map];

    private bool ShowView(WallView view) => _options.RotateSeconds is null ? !OnlyInRotation.Contains(view) : CurrentView == view;

    protected override string ScreenKind => "wall";

    private DateTimeOffset? StaleSince(SituationSnapshot situation) => situation.StaleSince(_options.StaleAfter, _now);

    private bool IsStale(SituationSnapshot situation) => StaleSince(situation) is not null;

    private string? _shownAddress;

    // The router keeps this page when one wall navigates to another inside the live page (only its parameters change),
    // so the wall starts over whenever the incident or its settings in the address change.
    protected override async Task OnParametersSetAsync()
    {
        var address = string.Join('\n', Slug, CountryQuery, RotateQuery, ReplayQuery, SpeedQuery, StaleAfterQuery, AsOfQuery, PageSecondsQuery);
        if (address == _shownAddress)
            return;
        _shownAddress = address;
        StopFollowing();
        OnDispose();
        _situation = null;
        _loaded = false;
        _viewIndex = 0;
        _replayEndedAt = null;
        await StartAsync();
    }

    private async Task StartAsync()
    {
        _highlight = new ChangeHighlight(ChangeHighlightDuration, action => InvokeAsync(() => Reader.RunAsync(action)));
        _options = WallOptions.Parse(CountryQuery, RotateQuery, ReplayQuery, SpeedQuery, StaleAfterQuery, Settings.Value, AsOfQuery, PageSecondsQuery);
        _now = _replayStartedAt = Clock.GetUtcNow();
        // A replay shows the past at its own pace; a live wall follows every change, listening before it reads, so a
        // change that lands in between still reaches it (read first, it would wait for the next change: hours, maybe).
        if (_options.IsLive)
            Follow(Slug);
        var live = await Situation.GetSituationAsync(Slug);
        _situation = live is null ? null
            : _options.Replay ? await Situation.GetSituationAsync(Slug, live.Span.Start)
            : _options.AsOf is { } moment ? await Situation.GetSituationAsync(Slug, moment)
            : live;
        _loaded = true;
        if (_situation is null)
        {
            StopFollowing();
            return;
        }
        if (_options.IsLive)
            Client.Wall = Slug;
        // One tick a second keeps "updated … ago" honest and, in replay, moves the clock of the incident on.
        _ticker = Clock.CreateTimer(_ => InvokeAsync(() => Reader.RunAsync(OnTickAsync)), null, ReplayTick, ReplayTick);
        if (_options.RotateSeconds is { } seconds)
        {
            var period = TimeSpan.FromSeconds(seconds);
            _rotation = Clock.CreateTimer(_ => InvokeAsync(() => Reader.RunAsync(() => { _viewIndex++; StateHasChanged(); })), null, period, period);
        }
    }

    private async Task OnTickAsync()
    {
        _now = Clock.GetUtcNow();
        if (_options.Replay && _situation is { } shown)
        {
            var span = shown.Span;
            if (_replayEndedAt is { } ended && _now - ended >= ReplayHoldAtEnd)
            {
                _replayStartedAt = _now;
                _replayEndedAt = null;
            }
            var moment = span.Start + (_now - _replayStartedAt) * _options.Speed;
            if (moment >= span.LatestReport)
            {
                moment = span.LatestReport;
                _replayEndedAt ??= _now;
            }
            var before = _situation;
            _situation = await Situation.GetSituationAsync(Slug, moment) ?? _situation;
            _highlight.Mark(before, _situation, StateHasChanged);
        }
        StateHasChanged();
    }

    protected override async Task OnIncidentChangedAsync()
    {
        var before = _situation;
        _situation = await Situation.GetSituationAsync(Slug);
        _now = Clock.GetUtcNow();
        _highlight.Mark(before, _situation, StateHasChanged);
    }

    protected override void OnDispose()
    {
        _ticker?.Dispose();
        _rotation?.Dispose();
        _highlight?.Dispose();
    }
}
