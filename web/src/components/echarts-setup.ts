// Loaded only through a dynamic import from ChartContainer, so ECharts lands in its own chunk and pages
// without charts never download it. Register here every chart type and component a page uses — and
// nothing more: this list is what keeps the chunk small.
import { BarChart, LineChart, PieChart } from "echarts/charts";
import {
  AriaComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from "echarts/components";
import { init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

use([
  BarChart,
  LineChart,
  PieChart,
  AriaComponent,
  DatasetComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  // SVG stays sharp at any zoom and uses less memory than canvas on phones.
  SVGRenderer,
]);

export { init };
