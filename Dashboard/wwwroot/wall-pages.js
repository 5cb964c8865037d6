// A wall never hides rows silently: a list that does not fit its panel (the nationalities, the events) is cut into
// pages that turn on their own, and the panel says "page 2 of 3". Worked out in the browser, which alone knows the
// screen's size; redone when the screen resizes or the server changes the rows.
(() => {
    const ready = new WeakSet();

    const rowsOf = (list) => Array.from(list.children);

    function paginate(list) {
        const panel = list.closest('.wall-panel');
        const indicator = panel && panel.querySelector('[data-wall-page-indicator]');
        if (!panel || !indicator) return;
        const rows = rowsOf(list);
        rows.forEach((row) => { row.hidden = false; });
        // An element's height with its margins: what it takes from the panel.
        const outer = (el) => { const style = getComputedStyle(el); return el.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom); };
        // The page note's room, measured as it will show rather than guessed.
        indicator.hidden = false;
        indicator.textContent = `page ${rows.length} of ${rows.length}`;
        const indicatorHeight = outer(indicator);
        indicator.hidden = true;
        // Room for rows: from the first row's top to the panel's bottom, less what sits below the list (legend, page note).
        const panelBottom = panel.getBoundingClientRect().bottom;
        const below = Array.from(panel.querySelectorAll('[data-wall-below-list]')).filter((el) => !el.hidden).reduce((sum, el) => sum + outer(el), 0);
        const fitsAll = rows.every((row) => row.getBoundingClientRect().bottom <= panelBottom - below + 0.5);
        // Rows side by side (cards in a grid) are one line: a page holds whole lines.
        const lines = [];
        for (const row of rows) {
            const box = row.getBoundingClientRect();
            const line = lines[lines.length - 1];
            if (line && Math.abs(line.top - box.top) < 1) { line.rows.push(row); line.bottom = Math.max(line.bottom, box.bottom); }
            else lines.push({ top: box.top, bottom: box.bottom, rows: [row] });
        }
        const room = panelBottom - below - (lines.length ? lines[0].top : 0) - (fitsAll ? 0 : indicatorHeight);
        const pages = [];
        let page = [], pageTop = 0;
        for (const line of lines) {
            if (page.length && line.bottom - pageTop > room) { pages.push(page); page = []; }
            if (!page.length) pageTop = line.top;
            page.push(...line.rows);
        }
        if (page.length) pages.push(page);
        list.__wallPages = pages;
        list.__wallPage = Math.min(list.__wallPage || 0, Math.max(0, pages.length - 1));
        show(list);
    }

    function show(list) {
        const pages = list.__wallPages || [];
        const indicator = list.closest('.wall-panel').querySelector('[data-wall-page-indicator]');
        pages.forEach((rows, index) => rows.forEach((row) => { row.hidden = index !== list.__wallPage; }));
        indicator.hidden = pages.length <= 1;
        indicator.textContent = `page ${list.__wallPage + 1} of ${pages.length}`;
        indicator.dataset.page = String(list.__wallPage + 1);
        indicator.dataset.pages = String(pages.length);
    }

    function turn(list) {
        const pages = list.__wallPages || [];
        if (pages.length <= 1) return;
        list.__wallPage = (list.__wallPage + 1) % pages.length;
        show(list);
    }

    function start(list) {
        ready.add(list);
        const seconds = Math.max(2, parseFloat(list.dataset.wallPages) || 10);
        let pending = false;
        const again = () => { if (!pending) { pending = true; requestAnimationFrame(() => { pending = false; paginate(list); }); } };
        // Rows added, removed or rewritten by the server; our own hiding changes attributes only, so it is not heard.
        new MutationObserver(again).observe(list, { childList: true, subtree: true, characterData: true });
        // The panel's room changes with the screen and with its neighbours (the cards above turning to a shorter page
        // gives the lists below more room), and the rows' heights change as the web font and the flags arrive: re-cut
        // whenever the panel's box or the list's own box changes, never leaving room unused. A re-cut that gives the
        // same pages changes no box, so this settles.
        const boxes = new ResizeObserver(again);
        boxes.observe(list.closest('.wall-panel') || list);
        boxes.observe(list.parentElement || list);
        setInterval(() => { if (list.isConnected) turn(list); }, seconds * 1000);
        paginate(list);
    }

    // The wall's lists appear once its live connection has rendered them, and again after a reconnect.
    setInterval(() => document.querySelectorAll('[data-wall-pages]').forEach((list) => { if (!ready.has(list)) start(list); }), 500);
})();
