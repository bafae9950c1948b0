import { useTranslation } from "react-i18next";
import { useUnreadCount } from "./queries";
import "./unread.css";

/** The number of unread alerts next to the navigation's link to the feed; nothing when there are none. */
export function UnreadCount() {
  const { t } = useTranslation();
  const count = useUnreadCount(true);
  const unread = count.data ?? 0;
  if (unread === 0) return null;
  return (
    <span className="nav-count">
      <span aria-hidden="true">{unread > 99 ? "99+" : unread}</span>
      <span className="visually-hidden">{t("knowledge.notifications.unread", { n: unread })}</span>
    </span>
  );
}
