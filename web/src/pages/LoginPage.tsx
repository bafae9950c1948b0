import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { Button, Form, PageHeader, PasswordField, Spinner, TextField } from "../components";
import { useMe, useSignIn } from "../session";
import { safeNext } from "./safeNext";

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const navigate = useNavigate();
  const me = useMe();
  const signIn = useSignIn();

  if (me.isPending) return <Spinner />;
  // Already signed in (e.g. opened the login link in a second tab): go straight on.
  if (me.data && !signIn.isPending && !signIn.isSuccess) return <Navigate to={next} replace />;

  const submit = (data: FormData) => {
    signIn.mutate(
      { email: String(data.get("email") ?? "").trim(), password: String(data.get("password") ?? "") },
      { onSuccess: () => void navigate(next, { replace: true }) },
    );
  };

  return (
    <div className="narrow">
      <PageHeader title={t("login.title")} description={<p>{t("login.intro")}</p>} />
      <div className="panel">
        <Form onSubmit={submit} error={signIn.error} busy={signIn.isPending} aria-label={t("login.title")}>
          <TextField
            name="email"
            type="email"
            label={t("login.email")}
            autoComplete="username"
            inputMode="email"
            autoCapitalize="off"
            spellCheck={false}
          />
          <PasswordField name="password" label={t("login.password")} autoComplete="current-password" />
          <div className="form__actions">
            <Button type="submit" loading={signIn.isPending} loadingLabel={t("login.submitting")}>
              {t("login.submit")}
            </Button>
          </div>
        </Form>
      </div>
    </div>
  );
}
