// Base map layers from GET /api/v1/ui-config. With neither a tile URL nor a Tianditu key the
// map has no tiles at all and shows a plain background, so it works fully offline.
import L from './leafletGlobal.js';
import { fetchUiConfig } from './orgApi.js';

const kTiandituSubdomains = ['0', '1', '2', '3', '4', '5', '6', '7'];

function tiandituUrl(layer, key) {
  return (
    `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0` +
    `&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles` +
    `&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`
  );
}

/** Returns the tile layers to add (possibly none). */
export function baseLayersFor(mapConfig = {}) {
  const attribution = mapConfig.attribution || '';
  if (mapConfig.tile_url) {
    return [L.tileLayer(mapConfig.tile_url, { attribution, maxZoom: 19 })];
  }
  if (mapConfig.tianditu_key) {
    const options = { subdomains: kTiandituSubdomains, maxZoom: 18, attribution };
    return [
      L.tileLayer(tiandituUrl('vec', mapConfig.tianditu_key), options),
      L.tileLayer(tiandituUrl('cva', mapConfig.tianditu_key), options),
    ];
  }
  return [];
}

/**
 * Adds the configured base layers beneath a map that is already drawn. getMap() answers the map
 * or null once the component is gone (the configuration arrives later). Without a configuration
 * the map keeps its plain background.
 */
export async function addConfiguredBaseLayers(getMap) {
  let config;
  try {
    config = await fetchUiConfig();
  } catch {
    return;
  }
  const map = getMap();
  if (map) for (const layer of baseLayersFor(config?.map ?? {})) layer.addTo(map).bringToBack();
}
