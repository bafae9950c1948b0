export { Badge, type BadgeTone } from "./Badge";
export { Button, type ButtonProps, buttonClassName, LinkButton } from "./Button";
export { Card, LinkCard } from "./Card";
export { ChartContainer } from "./ChartContainer";
export { ConfirmDialog } from "./ConfirmDialog";
export { CopyField } from "./CopyField";
export type { ChartOption } from "./chart-types";
export { type Column, DataTable, type SortDirection, sortRows } from "./DataTable";
export { EmptyState } from "./EmptyState";
export { ErrorState } from "./ErrorState";
export { Form } from "./Form";
export {
  Checkbox,
  CheckboxGroup,
  type CheckboxOption,
  PasswordField,
  RadioGroup,
  Select,
  type SelectOption,
  TextField,
} from "./fields";
export { Heading, type HeadingLevel } from "./Heading";
export { LineIcon } from "./LineIcon";
export { MapContainer } from "./MapContainer";
export { Notice } from "./Notice";
export { PageHeader } from "./PageHeader";
export { type LoadingQuery, PageLoadState } from "./PageLoadState";
export { ProgressBar, Spinner } from "./Spinner";
