import type { ReactNode } from "react";

export interface LineIconProps {
  /** The drawing on a 24×24 grid: paths, circles, rects. */
  children: ReactNode;
  /** Shown width and height in pixels. */
  size?: number;
  className?: string;
}

/**
 * A decorative line icon drawn in the text colour. Hidden from assistive technology, so only use it
 * next to text that says the same.
 */
export function LineIcon({ children, size = 28, className }: LineIconProps) {
  return (
    <svg
      className={className}
      viewBox="0 0 24 24"
      width={size}
      height={size}
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}
