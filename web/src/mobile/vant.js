// The Vant components the phone app uses, registered once. Only their own style sheets are
// imported, not the whole library and not Vant's icon font (45 kB of base64, a third of the
// download on a weak signal): the few icons Vant draws (list arrows, search glass) are drawn
// in styles/mobile.css instead.
import { Button, Cell, CellGroup, Empty, Field, List, Loading, Search, Tag } from 'vant';
import 'vant/es/style/base.css';
import 'vant/es/badge/index.css';
import 'vant/es/loading/index.css';
import 'vant/es/button/index.css';
import 'vant/es/cell/index.css';
import 'vant/es/cell-group/index.css';
import 'vant/es/empty/index.css';
import 'vant/es/field/index.css';
import 'vant/es/list/index.css';
import 'vant/es/search/index.css';
import 'vant/es/tag/index.css';

export function useVant(app) {
  for (const component of [Button, Cell, CellGroup, Empty, Field, List, Loading, Search, Tag]) app.use(component);
}
