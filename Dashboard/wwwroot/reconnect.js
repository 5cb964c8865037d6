// Screens are left open for days (the wall above all): keep trying to reconnect forever, backing off to every
// 30 seconds, and when the server no longer knows this page (it restarted), reload it as soon as it answers.
(() => {
    const backoff = (previousAttempts) => Math.min(30000, 1000 * Math.pow(2, Math.min(previousAttempts, 5)));
    Blazor.start({
        circuit: {
            reconnectionOptions: { maxRetries: 1000000000, retryIntervalMilliseconds: backoff },
        },
    });
})();
