import type { ReactNode } from "react";
import { LineIcon } from "../components";
import type { ModuleId } from "../modules";

// Simple line icons, decorative only: every place that shows one also shows the module's name.
const PATHS = {
  knowledge: (
    <>
      <path d="M4 5.5A2.5 2.5 0 0 1 6.5 3H20v15H6.5A2.5 2.5 0 0 0 4 20.5z" />
      <path d="M4 20.5A2.5 2.5 0 0 0 6.5 23H20v-5M8 7h8M8 11h6" />
    </>
  ),
  enterprises: (
    <>
      <path d="M3 21h18M5 21V7l7-4v18M12 21V9l7 3v9" />
      <path d="M8 10v.01M8 14v.01M15.5 14v.01M15.5 17v.01" />
    </>
  ),
  declarations: (
    <>
      <path d="M14 3H6a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V9z" />
      <path d="M14 3v6h6M8 13h8M8 17h5" />
    </>
  ),
  quotas: (
    <>
      <path d="M12 3a9 9 0 1 0 9 9h-9z" />
      <path d="M15 3.5A9 9 0 0 1 20.5 9H15z" />
    </>
  ),
  statistics: (
    <>
      <path d="M4 20V10M10 20V4M16 20v-7M22 20H2" />
    </>
  ),
  reference: (
    <>
      <path d="M4 6h16M4 12h16M4 18h10" />
      <circle cx="19" cy="18" r="2" />
    </>
  ),
} satisfies Record<ModuleId, ReactNode>;

export function ModuleIcon({ module }: { module: ModuleId }) {
  return <LineIcon>{PATHS[module]}</LineIcon>;
}
