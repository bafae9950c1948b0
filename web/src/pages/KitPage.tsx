import { useMemo, useState } from "react";
import { ApiError } from "../api";
import {
  Badge,
  Button,
  Card,
  ChartContainer,
  type ChartOption,
  type Column,
  ConfirmDialog,
  CopyField,
  DataTable,
  EmptyState,
  ErrorState,
  Form,
  MapContainer,
  Notice,
  PageHeader,
  PasswordField,
  ProgressBar,
  Select,
  Spinner,
  TextField,
} from "../components";

// Developer gallery of the component kit (served only by `vite` dev mode at /dev/kit). The numbers
// below are made up to exercise the components and are labelled as such; no product page uses them.

interface ExampleRow {
  id: string;
  label: string;
  value: number | null;
}

const EXAMPLE_ROWS: ExampleRow[] = Array.from({ length: 37 }, (_, index) => ({
  id: `row-${index + 1}`,
  label: `Example ${String.fromCharCode(65 + (index % 26))}${index + 1}`,
  value: index % 9 === 4 ? null : ((index * 7919) % 1000) / 10,
}));

const EXAMPLE_COLUMNS: Column<ExampleRow>[] = [
  { id: "label", header: "Label", cell: (r) => r.label, sortValue: (r) => r.label, rowHeader: true },
  {
    id: "value",
    header: "Value",
    cell: (r) => (r.value === null ? "—" : r.value.toFixed(1)),
    sortValue: (r) => r.value,
    align: "end",
  },
];

const EXAMPLE_ERROR = new ApiError({
  status: 400,
  code: "VALIDATION_FAILED",
  title: "The request has invalid fields",
  errors: [
    { path: "email", code: "invalid_email", message: "Enter a valid email address." },
    { path: "", code: "custom", message: "An error about the whole form." },
  ],
});

export default function KitPage() {
  const [loading, setLoading] = useState(false);
  const [formError, setFormError] = useState<unknown>(null);
  const [dialogOpen, setDialogOpen] = useState(false);
  const chartOption = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: "axis" },
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      xAxis: { type: "category", data: ["A", "B", "C", "D", "E", "F"] },
      yAxis: { type: "value" },
      series: [{ type: "bar", data: [12, 20, 15, 8, 7, 11], itemStyle: { color: "#0b5cad" } }],
    }),
    [],
  );

  return (
    <>
      <PageHeader eyebrow={<Badge tone="warning">Example data</Badge>} title="Component kit" />
      <section className="section">
        <h2 className="section__title">Buttons and badges</h2>
        <div className="kit-row">
          <Button>Primary</Button>
          <Button variant="secondary">Secondary</Button>
          <Button variant="danger">Danger</Button>
          <Button variant="ghost">Ghost</Button>
          <Button loading={loading} loadingLabel="Working…" onClick={() => setLoading(true)}>
            Loading state
          </Button>
          <Button variant="secondary" size="sm" onClick={() => setLoading(false)}>
            Reset
          </Button>
        </div>
        <div className="kit-row">
          <Badge>Neutral</Badge>
          <Badge tone="info">Info</Badge>
          <Badge tone="success">Success</Badge>
          <Badge tone="warning">Warning</Badge>
          <Badge tone="danger">Danger</Badge>
        </div>
      </section>
      <section className="section panel">
        <h2 className="section__title">Form with field errors</h2>
        <Form onSubmit={() => setFormError(EXAMPLE_ERROR)} error={formError}>
          <TextField name="email" type="email" label="Email" hint="The server's field error appears here." />
          <PasswordField name="password" label="Password" />
          <Select
            name="side"
            label="Side"
            optional
            options={[
              { value: "CN", label: "China" },
              { value: "RU", label: "Russia" },
            ]}
          />
          <div className="form__actions">
            <Button type="submit">Submit (shows errors)</Button>
          </div>
        </Form>
      </section>
      <section className="section">
        <h2 className="section__title">Data table</h2>
        <DataTable
          caption="Example rows"
          columns={EXAMPLE_COLUMNS}
          rows={EXAMPLE_ROWS}
          rowKey={(r) => r.id}
        />
      </section>
      <section className="section kit-grid">
        <ChartContainer
          title="Example chart"
          option={chartOption}
          alternative={<p>A: 12, B: 20, C: 15, D: 8, E: 7, F: 11.</p>}
          showAlternative
        />
        <MapContainer title="Example map" aspectRatio="16 / 9" />
      </section>
      <section className="section kit-grid">
        <Card title="Card with link" to="/">
          <p>The whole card is one link.</p>
        </Card>
        <Card title="Plain card" footer={<Badge tone="info">Footer</Badge>}>
          <p>Body text.</p>
        </Card>
      </section>
      <section className="section kit-grid">
        <EmptyState title="Nothing here yet" action={<Button variant="secondary">Action</Button>}>
          <p>An empty state.</p>
        </EmptyState>
        <ErrorState error={EXAMPLE_ERROR} onRetry={() => undefined} />
      </section>
      <section className="section">
        <Spinner />
        <ProgressBar label="Import" value={42} />
        <ProgressBar label="Waiting" />
        <Notice tone="success" title="Saved">
          A notice.
        </Notice>
        <CopyField label="Secret" value="amur_example_secret" />
        <Button variant="danger" onClick={() => setDialogOpen(true)}>
          Open dialog
        </Button>
        <ConfirmDialog
          open={dialogOpen}
          title="Confirm?"
          confirmLabel="Confirm"
          onConfirm={() => setDialogOpen(false)}
          onCancel={() => setDialogOpen(false)}
        >
          <p>Dialog text.</p>
        </ConfirmDialog>
      </section>
    </>
  );
}
