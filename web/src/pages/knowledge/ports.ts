import type { TBorderPort } from "../../contracts";
import { useNameLanguage } from "../reference/LocalName";
import type { NameLanguage } from "../reference/names";
import { useBorderPorts } from "../reference/queries";

/** A crossing named by both of its sides, the reader's own country first: 黑河 — 布拉戈维申斯克. */
export function crossingName(port: TBorderPort, reader: NameLanguage): string {
  const cn = port.cn.names[reader];
  const ru = port.ru?.names[reader];
  if (!ru) return cn;
  return reader === "ru" ? `${ru} — ${cn}` : `${cn} — ${ru}`;
}

/** The border crossings as options, named in the reader's language, and a namer for ids. */
export function usePorts(): { options: { value: string; label: string }[]; name: (id: string) => string } {
  const ports = useBorderPorts();
  const reader = useNameLanguage();
  const list = ports.data ?? [];
  const options = list
    .map((port) => ({ value: port.id, label: crossingName(port, reader) }))
    .sort((a, b) => a.label.localeCompare(b.label, reader));
  return {
    options,
    name: (id) => {
      const port = list.find((candidate) => candidate.id === id);
      return port ? crossingName(port, reader) : id;
    },
  };
}
