// Map labels as text, never markup. Leaflet puts a string tooltip or popup in as HTML, so a
// resident's address or a staff-written grid name such as `<img onerror=…>` would run in the
// console; an element whose text is set cannot. Each argument is one line.
export function textLabel(...lines) {
  const label = document.createElement('div');
  lines.forEach((line, i) => {
    if (i > 0) label.appendChild(document.createElement('br'));
    label.appendChild(document.createTextNode(String(line ?? '')));
  });
  return label;
}
