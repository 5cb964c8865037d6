// A wall never hides rows silently: a list that does not fit its panel (the nationalities, the events) is cut into
// pages that turn on their own, and the panel says "page 2 of 3". Worked out in the browser, which alone knows the
// screen's size; redone when the screen resizes or the server changes the rows.
(() => {
    // The wall's words in its language, from its root: "page {0} of {1}" with the numbers put in.
    const words = (element, name, ...values) =>
        (element.closest('.wall-root')?.dataset[name] || '').replace(/\{(\d)\}/g, (_, at) => values[+at]);

    const ready = new WeakSet();

    const rowsOf = (list) => Array.from(list.children);
    // How many lines of the events or the nationalities a page must hold before the wall shows them in turn with the figures.
    const LinesAtLeast = 3;

    // Cuts the list into pages for its room; false when a line of it cannot show whole there.
    function paginate(list) {
        const panel = list.closest('.wall-panel');
        const indicator = panel && panel.querySelector('[data-wall-page-indicator]');
        // A list the crowded wall is not showing keeps its pages; it is cut again when it shows (its box changes).
        if (!panel || !indicator || !list.checkVisibility()) return true;
        const rows = rowsOf(list);
        rows.forEach((row) => { row.hidden = false; });
        // An element's height with its margins: what it takes from the panel.
        const outer = (el) => { const style = getComputedStyle(el); return el.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom); };
        // The page note's room, measured as it will show rather than guessed; none where it sits beside the title.
        indicator.hidden = false;
        indicator.textContent = words(indicator, 'wordsPage', rows.length, rows.length);
        const indicatorHeight = indicator.hasAttribute('data-wall-below-list') ? outer(indicator) : 0;
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
        let page = [], pageTop = 0, tallestPage = 0;
        for (const line of lines) {
            if (page.length && line.bottom - pageTop > room) { pages.push(page); page = []; }
            if (!page.length) pageTop = line.top;
            page.push(...line.rows);
            tallestPage = Math.max(tallestPage, line.bottom - pageTop);
        }
        if (page.length) pages.push(page);
        const tallestLine = Math.max(0, ...lines.map((line) => line.bottom - line.top));
        keepTallestPage(list, tallestPage);
        if (lines.length) keepRoomForOneLine(list, lines[0].top, tallestLine, indicatorHeight);
        // The events and nationalities need room for a few lines (or all they have), or a room reads one row a minute;
        // anything else needs one line whole.
        const needed = list.closest('.wall-lower') && lines.length
            ? Math.min(lines[lines.length - 1].bottom - lines[0].top, LinesAtLeast * tallestLine) : tallestLine;
        const fits = needed <= room + 0.5;
        if (!fits) suspectCrowded(list.closest('.wall-root'));
        list.__wallPages = pages;
        list.__wallPage = Math.min(list.__wallPage || 0, Math.max(0, pages.length - 1));
        show(list);
        return fits;
    }

    // The other figures' cards never get less room than their tallest line (with its page note): the lists below give
    // up their share of the screen first (wall.css reads --wall-tallies-least), so no line of cards is ever cut.
    function keepRoomForOneLine(list, firstLineTop, tallestLine, indicatorHeight) {
        const tallies = list.closest('.wall-tallies'), root = list.closest('.wall-root');
        if (!tallies || !root) return;
        const least = Math.ceil(firstLineTop - tallies.getBoundingClientRect().top + tallestLine + indicatorHeight + 1);
        if (root.style.getPropertyValue('--wall-tallies-least') !== `${least}px`) root.style.setProperty('--wall-tallies-least', `${least}px`);
    }

    // A list is as tall on every page as on its tallest: a strip or a line of cards that changed height as it turned
    // would move everything below it and cut the lists there anew at each turn, so a row could miss its page.
    function keepTallestPage(list, tallestPage) {
        if (list.tagName === 'TBODY') return;
        list.style.minHeight = `${Math.ceil(tallestPage)}px`;
    }

    function show(list) {
        const pages = list.__wallPages || [];
        const indicator = list.closest('.wall-panel').querySelector('[data-wall-page-indicator]');
        pages.forEach((rows, index) => rows.forEach((row) => { row.hidden = index !== list.__wallPage; }));
        indicator.hidden = pages.length <= 1;
        indicator.textContent = words(indicator, 'wordsPage', list.__wallPage + 1, pages.length);
        indicator.dataset.page = String(list.__wallPage + 1);
        indicator.dataset.pages = String(pages.length);
    }

    function turn(list) {
        const pages = list.__wallPages || [];
        // Pages turn only while seen, so a crowded wall showing the other half never skips one.
        if (pages.length <= 1 || !list.checkVisibility()) return;
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

    // The figures and the lists in turn, each with the whole screen, when together they cannot show a line whole.
    const halves = [['figures', 'wordsFigures'], ['lists', 'wordsLists']];

    // A line that does not fit may be a passing state (the web font arriving, the cards above not yet cut into pages):
    // the wall is taken as crowded only if, once settled, some list still cannot show a line whole.
    function suspectCrowded(root) {
        if (!root || root.dataset.wallShowing || root.__wallSuspect) return;
        root.__wallSuspect = setTimeout(() => {
            const lists = Array.from(root.querySelectorAll('[data-wall-pages]'));
            const crowded = lists.map(paginate).includes(false);
            root.__wallSuspect = null;
            if (crowded) crowd(root);
        }, 1500);
    }

    function crowd(root) {
        // An attribute the server never renders: its re-renders of the wall's classes leave it be.
        if (!root || root.dataset.wallShowing || root.querySelector('.wall-body > :only-child')) return;
        showHalf(root, 0);
        const seconds = Math.max(2, parseFloat(root.querySelector('[data-wall-pages]')?.dataset.wallPages) || 10);
        // Each half for two turns of its pages, so the lists move on while they show.
        root.__wallHalves = setInterval(() => showHalf(root, (root.__wallHalf + 1) % halves.length), 2 * seconds * 1000);
    }

    function showHalf(root, index) {
        root.__wallHalf = index;
        root.dataset.wallShowing = halves[index][0];
        const note = root.querySelector('[data-wall-screen-note]');
        if (note) { note.hidden = false; note.textContent = words(root, 'wordsScreen', index + 1, halves.length, root.dataset[halves[index][1]]); }
    }

    // A new screen size is worked out afresh: the lists, cut again for it, say whether it is still crowded.
    addEventListener('resize', () => document.querySelectorAll('.wall-root[data-wall-showing]').forEach((root) => {
        clearInterval(root.__wallHalves);
        delete root.dataset.wallShowing;
        const note = root.querySelector('[data-wall-screen-note]');
        if (note) note.hidden = true;
    }));

    // The wall's lists appear once its live connection has rendered them, and again after a reconnect.
    setInterval(() => document.querySelectorAll('[data-wall-pages]').forEach((list) => { if (!ready.has(list)) start(list); }), 500);
})();
