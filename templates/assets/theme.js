// Loaded blocking in <head>: apply the reader's saved theme before the first
// paint, so a dark page never flashes light. localStorage may be missing or
// throw (file://, private mode); the system theme is the fallback.
// data-js says that scripts run: the stylesheet shows the search form only
// then, before the first paint too, so it never appears late.
document.documentElement.setAttribute('data-js', '');
try {
  var t = localStorage.getItem('statusref-theme');
  if (t === 'light' || t === 'dark') document.documentElement.setAttribute('data-theme', t);
} catch (e) {}
