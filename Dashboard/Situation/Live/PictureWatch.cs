using Microsoft.Extensions.Options;

namespace Dashboard.Situation.Live;

/// <summary>
/// Keeps the live pictures honest when nothing else happens: once a second it tells the screens of a picture that has
/// fallen behind (or caught up again) so they stop (or start again) saying LIVE, and every
/// <see cref="LiveSettings.SweepSeconds"/> it has every picture read the log as if a change had been signalled; and
/// it lets go of pictures nobody follows or reads (<see cref="LiveSettings.IdlePictureMinutes"/>).
/// </summary>
public sealed class PictureWatch(LivePictures pictures, IChangeSignal signal, TimeProvider clock, IOptions<LiveSettings> settings)
    : IHostedService, IDisposable
{
    private static readonly TimeSpan LookEvery = TimeSpan.FromSeconds(1);
    private ITimer? _look, _sweep;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _look = clock.CreateTimer(_ =>
        {
            pictures.TellScreensWhoseLagChanged();
            pictures.LetGoOfIdle();
        }, null, LookEvery, LookEvery);
        var sweep = TimeSpan.FromSeconds(settings.Value.SweepSeconds);
        _sweep = clock.CreateTimer(_ => signal.Raise(ChangeNotice.MayHaveChanged), null, sweep, sweep);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _look?.Dispose();
        _sweep?.Dispose();
    }
}
