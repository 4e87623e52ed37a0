// Reads the current theme's colours from CSS custom properties, so canvases follow light/dark.

// The few colours canvases need besides the state palette.
export interface ThemeColors {
  text: string;
  muted: string;
  grid: string;
  background: string;
  lane: string;
  accent: string;
  dark: boolean;
}

// Current values of --text, --muted, --grid, --bg, --lane and --accent on :root.
export function readThemeColors(): ThemeColors {
  const style = getComputedStyle(document.documentElement);
  const get = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: get('--text', '#1d1f23'),
    muted: get('--muted', '#6b7078'),
    grid: get('--grid', 'rgba(127,127,127,0.25)'),
    background: get('--bg', '#ffffff'),
    lane: get('--lane', 'rgba(127,127,127,0.08)'),
    accent: get('--accent', '#0072B2'),
    dark: window.matchMedia('(prefers-color-scheme: dark)').matches,
  };
}
