// The Leaflet map under the pages that show cases (one case's map, the board's map): no zoom
// animation (leaving the page during one makes Leaflet fail on the removed map), no "Leaflet"
// prefix, the county in view, and two layers: areas beneath, points above. The container
// keeps the map (`_jicengMap`) so browser tests can find the points; it holds no data of its own.
import L from '../org/leafletGlobal.js';

export function createCaseMap(container, options = {}) {
  const map = L.map(container, {
    zoomControl: true,
    minZoom: 3,
    maxZoom: 19,
    zoomAnimation: false,
    fadeAnimation: false,
    markerZoomAnimation: false,
    ...options,
  });
  map.attributionControl.setPrefix(false);
  map.setView([29.64, 120.24], 11);
  container._jicengMap = map;
  return { map, areaLayer: L.featureGroup().addTo(map), pointLayer: L.featureGroup().addTo(map) };
}
