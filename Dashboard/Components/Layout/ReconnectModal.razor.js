// Set up event handlers
const reconnectModal = document.getElementById("components-reconnect-modal");
reconnectModal.addEventListener("components-reconnect-state-changed", handleReconnectStateChanged);

const retryButton = document.getElementById("components-reconnect-button");
retryButton.addEventListener("click", retry);

const resumeButton = document.getElementById("components-resume-button");
resumeButton.addEventListener("click", resume);

function handleReconnectStateChanged(event) {
    const state = event.detail.state;
    // Lets pages (the wall) dim what may be stale while the connection is down.
    document.documentElement.classList.toggle("reconnecting", state !== "hide");
    markLiveBadges(state !== "hide");
    if (state === "show") {
        reconnectModal.showModal();
    } else if (state === "hide") {
        reconnectModal.close();
    } else if (state === "failed") {
        // Nobody may be there to press "Retry": keep trying on our own.
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
        setTimeout(retry, 30000);
    } else if (state === "rejected") {
        reloadWhenServerAnswers();
    }
}

// While the connection is down nothing on screen can be called live: the badges say since when it is offline (CSS
// swaps their words), in the incident's own clock. Only an empty element is filled in, so the page's own rendering
// is left alone.
function markLiveBadges(offline) {
    for (const badge of document.querySelectorAll("[data-live-badge]")) {
        const since = badge.querySelector("[data-offline-since]");
        if (!since) continue;
        if (!offline) since.textContent = "";
        else if (!since.textContent) {
            const zone = badge.dataset.timeZone || undefined;
            since.textContent = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: zone }).format(new Date());
        }
    }
}

// The server is back but has forgotten this page (a restart or redeploy). Reloading while it is still starting
// would leave the browser on an error page for good, so wait until the page itself answers.
async function reloadWhenServerAnswers(attempt = 0) {
    try {
        // GET, not HEAD: the component endpoints answer GET only.
        const response = await fetch(location.href, { cache: "no-store" });
        if (response.ok) {
            location.reload();
            return;
        }
    } catch {
        // Not up yet.
    }
    setTimeout(() => reloadWhenServerAnswers(attempt + 1), Math.min(30000, 1000 * Math.pow(2, Math.min(attempt, 5))));
}

async function retry() {
    document.removeEventListener("visibilitychange", retryWhenDocumentBecomesVisible);

    try {
        // Reconnect will asynchronously return:
        // - true to mean success
        // - false to mean we reached the server, but it rejected the connection (e.g., unknown circuit ID)
        // - exception to mean we didn't reach the server (this can be sync or async)
        const successful = await Blazor.reconnect();
        if (!successful) {
            // We have been able to reach the server, but the circuit is no longer available.
            // We'll reload the page so the user can continue using the app as quickly as possible.
            const resumeSuccessful = await Blazor.resumeCircuit();
            if (!resumeSuccessful) {
                reloadWhenServerAnswers();
            } else {
                reconnectModal.close();
            }
        }
    } catch (err) {
        // We got an exception, server is currently unavailable
        document.addEventListener("visibilitychange", retryWhenDocumentBecomesVisible);
        setTimeout(retry, 30000);
    }
}

async function resume() {
    try {
        const successful = await Blazor.resumeCircuit();
        if (!successful) {
            location.reload();
        }
    } catch {
        reconnectModal.classList.replace("components-reconnect-paused", "components-reconnect-resume-failed");
    }
}

async function retryWhenDocumentBecomesVisible() {
    if (document.visibilityState === "visible") {
        await retry();
    }
}
