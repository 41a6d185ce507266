// leaflet-geoman is a script that extends the global `L`; publish Leaflet there first.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';

window.L = L;
export default L;
