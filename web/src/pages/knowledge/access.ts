import type { TMe, TSide } from "../../contracts";
import type { TKbSide } from "./contracts";

// Who may edit what in the knowledge base, read from `/me`. The server decides in the end
// (knowledge.service.ts `assertEditorSide`); this only keeps the pages from offering what it would refuse.

export interface EditorScope {
  /** An editor of the platform itself (a membership without a side) edits every document. */
  everywhere: boolean;
  sides: TSide[];
}

export function editorScope(me: TMe | null | undefined): EditorScope {
  const scope: EditorScope = { everywhere: false, sides: [] };
  for (const membership of me?.memberships ?? []) {
    if (!membership.roles.includes("editor")) continue;
    const side = membership.organization.side;
    if (side === null) scope.everywhere = true;
    else if (!scope.sides.includes(side)) scope.sides.push(side);
  }
  return scope;
}

export function isEditor(me: TMe | null | undefined): boolean {
  const scope = editorScope(me);
  return scope.everywhere || scope.sides.length > 0;
}

/** Documents of one side belong to that side's editors; bilateral ones to the editors of either side. */
export function mayEdit(me: TMe | null | undefined, side: TKbSide): boolean {
  const scope = editorScope(me);
  if (scope.everywhere) return true;
  return side === "bilateral" ? scope.sides.length > 0 : scope.sides.includes(side);
}

/** The sides an editor may create documents for, in the order the form offers them. */
export function editableSides(me: TMe | null | undefined): TKbSide[] {
  return (["CN", "RU", "bilateral"] as const).filter((side) => mayEdit(me, side));
}
