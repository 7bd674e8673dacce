// Förderworkflow's glue around Elsa Studio's custom elements (docs/studio.md, "Host page script"). Studio reports a
// row click, "View", "Run workflow" and "Save As" only through .NET callbacks a host page cannot set, and otherwise
// rewrites the URL with history.pushState while the element stays as it was. This script follows those URL changes
// to the page that hosts the right element, opens instances from the list, and hides what the server does not offer.
(() => {
    'use strict';
    const base = '/studio/';

    // Studio formats dates and numbers in the culture it finds in localStorage (it writes en-US when there is none).
    // German for everyone here; Studio's own labels stay English: the bundle ships no German texts for them.
    if ((localStorage.getItem('BlazorCulture') ?? 'en-US') === 'en-US') {
        localStorage.setItem('BlazorCulture', 'de-DE');
    }

    // Studio's client routes (relative to <base href="/studio/">) and the pages of ours that host the same screen.
    const routes = [
        [/^\/studio\/workflows\/definitions\/([^/]+)\/edit\/?$/, m => `${base}edit/${m[1]}`],
        [/^\/studio\/workflows\/instances\/([^/]+)\/view\/?$/, m => `${base}instances/${m[1]}`],
    ];

    function follow() {
        for (const [pattern, target] of routes) {
            const match = location.pathname.match(pattern);
            if (match) {
                location.replace(target(match));
                return;
            }
        }
    }

    for (const name of ['pushState', 'replaceState']) {
        const original = history[name].bind(history);
        history[name] = (state, title, url) => {
            const before = location.pathname;
            const result = original(state, title, url);
            if (location.pathname !== before) {
                follow();
            }

            return result;
        };
    }

    window.addEventListener('popstate', follow);

    const openInstance = id => location.assign(`${base}instances/${encodeURIComponent(id)}`);
    const instanceIdOf = row => row?.querySelector('td[data-label="ID"]')?.textContent.trim();
    let menuRowId = null;

    // The instance list: a row click or "View" in its menu opens the instance. The selection checkbox and the menu
    // button keep their own meaning.
    document.addEventListener('click', event => {
        const target = event.target instanceof Element ? event.target : null;
        if (!target) {
            return;
        }

        const row = target.closest('elsa-workflow-instance-list tbody tr');
        if (row) {
            if (target.closest('.mud-menu, button')) {
                menuRowId = instanceIdOf(row);
            } else if (!target.closest('.mud-checkbox, input, td:first-child') && instanceIdOf(row)) {
                event.stopPropagation();
                openInstance(instanceIdOf(row));
            }

            return;
        }

        const item = target.closest('.mud-menu-item, .mud-list-item');
        if (item && menuRowId && item.textContent.trim() === 'View' && document.querySelector('elsa-workflow-instance-list')) {
            event.stopPropagation();
            openInstance(menuRowId);
        }
    }, true);

    // What Studio offers but this server does not (see docs/studio.md): deleting instances and versions (records of
    // an administrative procedure, removed by the retention rules), importing instances, the activity test run,
    // structured logs. Hidden as they appear, matched by their (English) labels, the only mark Studio gives them.
    const label = element => element.textContent.trim();
    const items = root => root.querySelectorAll('.mud-menu-item, .mud-list-item');

    function hide(element) {
        if (element && element.style.display !== 'none') {
            element.style.display = 'none';
        }
    }

    function tidy() {
        const instanceList = document.querySelector('elsa-workflow-instance-list') !== null;
        for (const item of items(document)) {
            const text = label(item);
            const versionMenu = [...items(item.parentElement ?? item)].some(i => label(i) === 'Rollback to this version');
            if ((text === 'Delete' && (instanceList || versionMenu)) || (text === 'Import' && instanceList)) {
                hide(item);
            }
        }

        // The version history's bulk menu holds nothing but "Delete".
        for (const button of document.querySelectorAll('elsa-workflow-definition-editor .mud-menu button')) {
            if (label(button) === 'Bulk actions') {
                hide(button.closest('.mud-menu'));
            }
        }

        for (const tab of document.querySelectorAll('.mud-tab')) {
            if (label(tab) === 'Test') {
                hide(tab);
            }
        }

        for (const link of document.querySelectorAll('a[href*="/diagnostics/structured-logs"]')) {
            hide(link.closest('tr') ?? link);
        }

        for (const link of document.querySelectorAll('a[href^="/workflows/definitions/"]')) {
            const match = link.getAttribute('href').match(/^\/workflows\/definitions\/([^/]+)\/edit$/);
            if (match) {
                link.setAttribute('href', `${base}edit/${match[1]}`);
            }
        }
    }

    // The designer opens a flowchart at 100 % on its centre, which shows a large one only in part, and its own
    // "zoom to fit" stops at 50 %. Until the user touches the page, every graph is fitted whole instead.
    const designerModule = `${base}_content/Elsa.Studio.Workflows.Designer/designer.entry.js`;
    let userActed = false;
    for (const name of ['pointerdown', 'wheel', 'keydown']) {
        window.addEventListener(name, () => { userActed = true; }, { capture: true, passive: true });
    }

    async function fitGraphs() {
        if (userActed || !document.querySelector('.graph-container')) {
            return;
        }

        const { graphBindings } = await import(designerModule);
        for (const binding of Object.values(graphBindings ?? {})) {
            const graph = binding?.graph;
            if (graph && graph.getNodes().length > 0 && graph.container.getBoundingClientRect().height > 0) {
                graph.zoomToFit({ padding: 24, minScale: 0.1, maxScale: 1 });
            }
        }
    }

    // Once per frame at most: the designer changes the DOM with every mouse move.
    let scheduled = false;
    new MutationObserver(() => {
        if (!scheduled) {
            scheduled = true;
            requestAnimationFrame(() => {
                scheduled = false;
                tidy();
                fitGraphs();
            });
        }
    }).observe(document.documentElement, { childList: true, subtree: true });
})();
