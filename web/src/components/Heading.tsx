import type { ReactNode } from "react";

export type HeadingLevel = 1 | 2 | 3 | 4;

/** A heading whose level follows the page outline rather than the look wanted. */
export function Heading({
  level,
  className,
  id,
  children,
}: {
  level: HeadingLevel;
  className?: string;
  id?: string;
  children: ReactNode;
}) {
  switch (level) {
    case 1:
      return (
        <h1 className={className} id={id}>
          {children}
        </h1>
      );
    case 2:
      return (
        <h2 className={className} id={id}>
          {children}
        </h2>
      );
    case 3:
      return (
        <h3 className={className} id={id}>
          {children}
        </h3>
      );
    case 4:
      return (
        <h4 className={className} id={id}>
          {children}
        </h4>
      );
  }
}
