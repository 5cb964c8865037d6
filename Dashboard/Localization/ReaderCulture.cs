using System.Globalization;

namespace Dashboard.Localization;

/// <summary>
/// A live page's language, taken when the page is made. What a page does on its own (a change from the log, a timer,
/// an alert) is run by the circuit's dispatcher in the culture of whatever thread asked for it; run through this, it
/// renders in the page's language, not the server's.
/// </summary>
public readonly record struct ReaderCulture(CultureInfo Culture, CultureInfo UiCulture)
{
    public static ReaderCulture Current => new(CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

    // Set inside an async method: the change is this call's own and goes no further than what it runs.
    public async Task RunAsync(Func<Task> work)
    {
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (Culture, UiCulture);
        await work();
    }

    public Task RunAsync(Action work) => RunAsync(() =>
    {
        work();
        return Task.CompletedTask;
    });
}
