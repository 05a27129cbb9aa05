/**
 * The results chart: one small bar chart per metric (bar = median of the rounds, dots = each round), per-request vs
 * fixed, rendered to SVG by vega without a browser. vega is ESM-only: loaded with a real dynamic import().
 */
export interface ChartPanel {
  readonly title: string;
  /** 'higher' or 'lower' is better, shown under the title. */
  readonly better: 'higher' | 'lower';
  /** Value format for the axis and labels (d3-format), e.g. ',.0f'. */
  readonly format: string;
  readonly values: readonly { readonly variant: string; readonly median: number; readonly rounds: readonly number[] }[];
}

export interface ChartOptions {
  readonly title: string;
  readonly subtitle: string;
  readonly variants: readonly string[];
  readonly colors: readonly string[];
  readonly columns: number;
}

const PANEL_WIDTH = 210;
const PANEL_HEIGHT = 170;
const GAP_X = 90;
const GAP_Y = 85;

function panelMark(panel: ChartPanel, index: number, options: ChartOptions): object {
  const column = index % options.columns;
  const row = Math.floor(index / options.columns);
  const bars = `bars${index}`;
  const dots = `dots${index}`;
  const top = Math.max(1, ...panel.values.flatMap((value) => [value.median, ...value.rounds]));
  return {
    type: 'group',
    encode: {
      enter: {
        x: { value: column * (PANEL_WIDTH + GAP_X) },
        y: { value: row * (PANEL_HEIGHT + GAP_Y) },
        width: { value: PANEL_WIDTH },
        height: { value: PANEL_HEIGHT },
      },
    },
    scales: [
      { name: 'x', type: 'band', domain: [...options.variants], range: [0, PANEL_WIDTH], padding: 0.35 },
      { name: 'y', type: 'linear', domain: [0, top * 1.15], range: [PANEL_HEIGHT, 0], nice: true, zero: true },
      { name: 'color', type: 'ordinal', domain: [...options.variants], range: [...options.colors] },
    ],
    axes: [
      { orient: 'left', scale: 'y', format: panel.format, tickCount: 5, grid: true, gridScale: 'x', gridOpacity: 0.35, labelFontSize: 10 },
      { orient: 'bottom', scale: 'x', labelFontSize: 11, labelFontWeight: 'bold' },
    ],
    marks: [
      // Titles placed by hand: vega's group titles shift with the axis labels' estimated bounds.
      {
        type: 'text',
        encode: {
          enter: {
            x: { value: PANEL_WIDTH / 2 },
            y: { value: -24 },
            text: { value: panel.title },
            align: { value: 'center' },
            fontSize: { value: 13 },
            fontWeight: { value: 'bold' },
          },
        },
      },
      {
        type: 'text',
        encode: {
          enter: {
            x: { value: PANEL_WIDTH / 2 },
            y: { value: -10 },
            text: { value: `${panel.better} is better` },
            align: { value: 'center' },
            fontSize: { value: 10 },
            fill: { value: '#666' },
          },
        },
      },
      {
        type: 'rect',
        from: { data: bars },
        encode: {
          enter: {
            x: { scale: 'x', field: 'variant' },
            width: { scale: 'x', band: 1 },
            y: { scale: 'y', field: 'median' },
            y2: { scale: 'y', value: 0 },
            fill: { scale: 'color', field: 'variant' },
            fillOpacity: { value: 0.85 },
          },
        },
      },
      {
        type: 'symbol',
        from: { data: dots },
        encode: {
          enter: {
            x: { scale: 'x', field: 'variant', band: 0.5 },
            y: { scale: 'y', field: 'value' },
            size: { value: 28 },
            fill: { value: '#222' },
            stroke: { value: 'white' },
            strokeWidth: { value: 0.8 },
          },
        },
      },
      {
        type: 'text',
        from: { data: bars },
        encode: {
          enter: {
            x: { scale: 'x', field: 'variant', band: 0.5 },
            y: { scale: 'y', field: 'top', offset: -6 },
            text: { signal: `format(datum.median, '${panel.format}')` },
            align: { value: 'center' },
            baseline: { value: 'bottom' },
            fontSize: { value: 11 },
            fontWeight: { value: 'bold' },
          },
        },
      },
    ],
  };
}

export async function renderChart(panels: readonly ChartPanel[], options: ChartOptions): Promise<string> {
  const vega = await import('vega');
  const rows = Math.ceil(panels.length / options.columns);
  const spec = {
    $schema: 'https://vega.github.io/schema/vega/v6.json',
    width: options.columns * PANEL_WIDTH + (options.columns - 1) * GAP_X,
    height: rows * PANEL_HEIGHT + (rows - 1) * GAP_Y,
    // Fixed size: without a canvas vega over-estimates text widths and would pad the chart with empty space.
    autosize: { type: 'none' },
    padding: { left: 70, right: 30, top: 120, bottom: 40 },
    background: 'white',
    data: panels.flatMap((panel, index) => [
      {
        name: `bars${index}`,
        // The label sits above the bar and above every round's dot.
        values: panel.values.map((value) => ({ variant: value.variant, median: value.median, top: Math.max(value.median, ...value.rounds) })),
      },
      { name: `dots${index}`, values: panel.values.flatMap((value) => value.rounds.map((round) => ({ variant: value.variant, value: round }))) },
    ]),
    marks: [
      // Placed by hand (vega's own title would be placed from estimated text bounds).
      {
        type: 'text',
        encode: { enter: { x: { value: -50 }, y: { value: -95 }, text: { value: options.title }, fontSize: { value: 16 }, fontWeight: { value: 'bold' } } },
      },
      {
        type: 'text',
        encode: { enter: { x: { value: -50 }, y: { value: -75 }, text: { value: options.subtitle }, fontSize: { value: 11 }, fill: { value: '#444' } } },
      },
      ...panels.map((panel, index) => panelMark(panel, index, options)),
    ],
  };
  const view = new vega.View(vega.parse(spec as Parameters<typeof vega.parse>[0]), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
