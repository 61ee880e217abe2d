// Colours shared by the HTML charts (hex, because SVG presentation attributes do not take CSS variables).
export const COLOUR = {
  pass: '#1a7f37',
  fail: '#cf222e',
  error: '#9a6700',
  skip: '#8c959f',
  omit: '#d0d7de',
  'not-tested': '#8c959f',
  'not-applicable': '#d0d7de',
  present: '#0969da',
  absent: '#d0d7de',
} as const;
