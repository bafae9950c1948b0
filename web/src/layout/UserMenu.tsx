import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate } from "react-router";
import { Button } from "../components";
import { useMe, useSignOut } from "../session";

/** Who is signed in, with the way to the account page and out; or the way in. */
export function UserMenu() {
  const { t } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const location = useLocation();

  if (me.isPending) return <div className="user-menu user-menu--pending" aria-hidden="true" />;

  const user = me.data?.user;
  if (!user) {
    if (location.pathname === "/login") return <div className="user-menu" />;
    const next = `${location.pathname}${location.search}`;
    return (
      <div className="user-menu">
        <Link className="user-menu__signin" to={`/login?next=${encodeURIComponent(next)}`}>
          {t("auth.signIn")}
        </Link>
      </div>
    );
  }

  return (
    <nav className="user-menu" aria-label={t("a11y.userMenu")}>
      <Link
        className="user-menu__name"
        to="/account"
        title={t("auth.signedInAs", { name: user.displayName })}
      >
        <span className="user-menu__avatar" aria-hidden="true">
          {Array.from(user.displayName.trim())[0]?.toUpperCase() ?? "?"}
        </span>
        <span className="user-menu__label">{user.displayName}</span>
      </Link>
      <Button
        variant="ghost"
        size="sm"
        className="user-menu__signout"
        loading={signOut.isPending}
        loadingLabel={t("auth.signingOut")}
        onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate("/") })}
      >
        {t("auth.signOut")}
      </Button>
    </nav>
  );
}
