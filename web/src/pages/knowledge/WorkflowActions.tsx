import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button, ConfirmDialog, LinkButton, TextField } from "../../components";
import { ActionError } from "../declarations/ActionError";
import { changeDocumentStatus, type WorkflowAction } from "./api";
import type { TDocument } from "./contracts";
import { editDocumentPath } from "./paths";
import { knowledgeKeys } from "./queries";
import { workflowActions } from "./workflow";

/** An editor's buttons on a document: edit, and the next steps of the workflow, each confirmed first. */
export function WorkflowActions({ doc, onDone }: { doc: TDocument; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState<WorkflowAction | null>(null);
  const [repealedOn, setRepealedOn] = useState("");
  const act = useMutation({
    mutationFn: (action: WorkflowAction) =>
      changeDocumentStatus(doc.id, action, action === "repeal" && repealedOn ? repealedOn : undefined),
    onSuccess: async (_, action) => {
      setConfirming(null);
      onDone(t(`knowledge.workflow.done.${action}`));
      await queryClient.invalidateQueries({ queryKey: knowledgeKeys.all });
    },
  });
  return (
    <>
      {doc.status !== "repealed" ? (
        <LinkButton to={editDocumentPath(doc.id)}>{t("knowledge.document.edit")}</LinkButton>
      ) : null}
      {workflowActions(doc.status).map((action) => (
        <Button
          key={action}
          variant={action === "repeal" ? "danger" : action === "publish" ? "primary" : "secondary"}
          onClick={() => {
            act.reset();
            setConfirming(action);
          }}
        >
          {t(`knowledge.workflow.${action}`)}
        </Button>
      ))}
      <ConfirmDialog
        open={confirming !== null}
        title={confirming ? t(`knowledge.workflow.confirm.${confirming}.title`) : ""}
        confirmLabel={confirming ? t(`knowledge.workflow.${confirming}`) : ""}
        confirmVariant={confirming === "repeal" ? "danger" : "primary"}
        busy={act.isPending}
        onConfirm={() => confirming && act.mutate(confirming)}
        onCancel={() => {
          act.reset();
          setConfirming(null);
        }}
      >
        {confirming ? <p>{t(`knowledge.workflow.confirm.${confirming}.text`)}</p> : null}
        {confirming === "repeal" ? (
          <TextField
            type="date"
            label={t("knowledge.workflow.repealedOn")}
            hint={t("knowledge.workflow.repealedOnHint")}
            optional
            value={repealedOn}
            onChange={(event) => setRepealedOn(event.target.value)}
          />
        ) : null}
        <ActionError error={act.error} />
      </ConfirmDialog>
    </>
  );
}
