// Screens are left open for days (the wall above all): keep trying to reconnect forever, backing off to every
// 30 seconds, and when the server no longer knows this page (it restarted), reload it as soon as it answers.
(() => {
    const backoff = (previousAttempts) => Math.min(30000, 1000 * Math.pow(2, Math.min(previousAttempts, 5)));
    Blazor.start({
        circuit: {
            reconnectionOptions: { maxRetries: 1000000000, retryIntervalMilliseconds: backoff },
            // The connection reads in the page's language, whichever way the page chose it (?lang=, the account, the browser).
            configureSignalR: (builder) => builder.withUrl('_blazor?lang=' + encodeURIComponent(document.documentElement.lang || 'en')),
        },
    });
})();
