// A button marked data-print prints the page: a listener from the app's own file, since the content security policy
// runs no inline handler (onclick="…").
document.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('[data-print]'))
        window.print();
});
