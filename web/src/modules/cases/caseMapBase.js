// The Leaflet map under the pages that show cases (one case's map, the board's map): no zoom
// animation (leaving the page during one makes Leaflet fail on the removed map), no "Leaflet"
// prefix, the county in view, and two layers: areas beneath, points above. The container
// keeps the map (`_jicengMap`) so browser tests can find the points; it holds no data of its own.
import { onBeforeUnmount, onMounted } from 'vue';
import L from '../org/leafletGlobal.js';
import { addConfiguredBaseLayers } from '../org/mapTiles.js';
import { fetchBoundary, fetchGrid } from '../org/orgApi.js';

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

// The case map of a component: made in the `container` ref once the component is mounted, then
// ready({ map, areaLayer, pointLayer }) draws before the server's base tiles are added; removed
// when the component unmounts, after removed() has told the loads still running to stop.
export function useCaseMap(container, options, { ready, removed }) {
  let map = null;
  onMounted(async () => {
    const made = createCaseMap(container.value, options);
    map = made.map;
    ready(made);
    await addConfiguredBaseLayers(() => map);
  });
  onBeforeUnmount(() => {
    removed();
    map?.remove();
    map = null;
  });
}

// The outline of an org (a grid's polygon, or an area's boundary) as GeoJSON geometry; null when
// it has none or cannot be read (a deleted grid, no boundary drawn, not readable with this role).
export async function fetchOutline(code, isGrid) {
  try {
    const answer = isGrid ? await fetchGrid(code, { silent: true }) : await fetchBoundary(code);
    return answer?.geometry ?? null;
  } catch {
    return null;
  }
}
