// Page alerts: a short chime when the banner's newest alert changes, and a mute switch kept by this browser.
// The server renders the banner; this file only listens, so the page's live connection carries no sound.
(() => {
    const key = 'dashboard.alerts.muted';
    const muted = () => localStorage.getItem(key) === '1';
    let newestHeard = null;
    let audio = null;

    function chime() {
        const root = document.documentElement;
        root.dataset.alertChimes = String(Number(root.dataset.alertChimes ?? 0) + 1); // for tests and the curious
        try {
            audio ??= new AudioContext();
            const tone = audio.createOscillator();
            const volume = audio.createGain();
            tone.frequency.value = 880;
            volume.gain.setValueAtTime(0.2, audio.currentTime);
            volume.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4);
            tone.connect(volume).connect(audio.destination);
            tone.start();
            tone.stop(audio.currentTime + 0.4);
        } catch {
            // No audio device, or the browser wants a click first: the banner still shows.
        }
    }

    function follow() {
        const banner = document.querySelector('.alert-banner');
        const mute = banner?.querySelector('[data-alert-mute]');
        const pressed = muted() ? 'true' : 'false';
        if (mute && mute.getAttribute('aria-pressed') !== pressed)
            mute.setAttribute('aria-pressed', pressed);
        const newest = banner?.getAttribute('data-newest') ?? null;
        if (newest !== null && newest !== newestHeard && banner.getAttribute('data-sound') === 'on' && !muted())
            chime();
        newestHeard = newest;
    }

    new MutationObserver(follow).observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-newest'] });
    document.addEventListener('click', (event) => {
        if (event.target instanceof Element && event.target.closest('[data-alert-mute]')) {
            localStorage.setItem(key, muted() ? '0' : '1');
            follow();
        }
    });
    follow();
})();
