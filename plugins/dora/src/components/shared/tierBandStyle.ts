/** How strongly a tier band is shaded behind a trend chart's lines. */
export const TIER_BAND_OPACITY = 0.14;
