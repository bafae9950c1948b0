import { type ComponentType, lazy, type ReactNode, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { createBrowserRouter, type RouteObject, useRouteError } from "react-router";
import { RouterProvider } from "react-router/dom";
import { Button, ErrorState, PageHeader, Spinner } from "./components";
import { Layout } from "./layout/Layout";
import { isModuleBuilt, MODULES, modulePath } from "./modules";
import { AccountPage } from "./pages/AccountPage";
import { DeclarationsLandingPage } from "./pages/declarations/LandingPage";
import {
  DECLARATIONS_PATH,
  LANE_QUEUE_PATH,
  MY_DECLARATIONS_PATH,
  NEW_DECLARATION_PATH,
  PORT_DASHBOARD_PATH,
  RISK_RULES_PATH,
  RISK_SETTINGS_PATH,
} from "./pages/declarations/paths";
import { HomePage } from "./pages/HomePage";
import { LoginPage } from "./pages/LoginPage";
import { ModulePage } from "./pages/ModulePage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { RequireAuth } from "./pages/RequireAuth";
import { HsBrowserPage } from "./pages/reference/HsBrowserPage";
import { ReferencePage } from "./pages/reference/ReferencePage";
import { LANDED_COST_PATH, RATES_PATH } from "./pages/tariffs/paths";
import { isStaleBuildError } from "./staleBuild";

/** Shown inside the layout when rendering a page throws, instead of a blank screen. */
function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  if (isStaleBuildError(error))
    return (
      <>
        <PageHeader title={t("errors.updatedTitle")} />
        <div className="state" role="alert">
          <p className="state__text">{t("errors.updatedDetail")}</p>
          <div className="state__action">
            <Button onClick={() => window.location.reload()}>{t("errors.reload")}</Button>
          </div>
        </div>
      </>
    );
  return (
    <>
      <PageHeader title={t("errors.unexpectedTitle")} />
      <ErrorState error={error} onRetry={() => window.location.reload()} />
    </>
  );
}

// A gallery of the component kit for developers; only in `vite` dev mode, so it is absent from builds.
const KitPage = import.meta.env.DEV ? lazy(() => import("./pages/KitPage")) : null;
const devRoutes: RouteObject[] = KitPage
  ? [
      {
        path: "dev/kit",
        element: (
          <Suspense fallback={<Spinner />}>
            <KitPage />
          </Suspense>
        ),
      },
    ]
  : [];

// The port map brings d3-geo, topojson and the world outline: its own chunk, fetched on that route only.
const PortMapPage = lazy(() => import("./pages/reference/PortMapPage"));

const referenceRoutes: RouteObject[] = [
  { path: "reference", element: <ReferencePage /> },
  // One route with an optional code, so picking a code keeps the page (tree, search) mounted.
  { path: "reference/hs/:code?", element: <HsBrowserPage /> },
  {
    path: "reference/ports",
    element: (
      <Suspense fallback={<Spinner />}>
        <PortMapPage />
      </Suspense>
    ),
  },
];

// The registry's pages share one chunk, fetched on the first visit to any of them.
const registryPages = () => import("./pages/registry");
function registryPage(name: "DirectoryPage" | "EnterprisePage" | "RegisterPage" | "QueuePage" | "EditPage") {
  const Page: ComponentType = lazy(() => registryPages().then((pages) => ({ default: pages[name] })));
  return Page;
}
const DirectoryPage = registryPage("DirectoryPage");
const EnterprisePage = registryPage("EnterprisePage");
const RegisterPage = registryPage("RegisterPage");
const QueuePage = registryPage("QueuePage");
const EditPage = registryPage("EditPage");

function Loading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Spinner />}>{children}</Suspense>;
}

const registryRoutes: RouteObject[] = [
  {
    path: "enterprises",
    element: (
      <Loading>
        <DirectoryPage />
      </Loading>
    ),
  },
  {
    path: "enterprises/register",
    element: (
      <RequireAuth>
        <Loading>
          <RegisterPage />
        </Loading>
      </RequireAuth>
    ),
  },
  {
    path: "enterprises/queue",
    element: (
      <RequireAuth>
        <Loading>
          <QueuePage />
        </Loading>
      </RequireAuth>
    ),
  },
  {
    path: "enterprises/:id",
    element: (
      <Loading>
        <EnterprisePage />
      </Loading>
    ),
  },
  {
    path: "enterprises/:id/edit",
    element: (
      <RequireAuth>
        <Loading>
          <EditPage />
        </Loading>
      </RequireAuth>
    ),
  },
];

// The calculator and the rates share one chunk; the Declarations landing that links to them is tiny.
const tariffPages = () => import("./pages/tariffs");
const LandedCostPage = lazy(() => tariffPages().then((pages) => ({ default: pages.LandedCostPage })));
const RatesPage = lazy(() => tariffPages().then((pages) => ({ default: pages.RatesPage })));

const tariffRoutes: RouteObject[] = [
  {
    path: LANDED_COST_PATH.slice(1),
    element: (
      <Loading>
        <LandedCostPage />
      </Loading>
    ),
  },
  {
    path: RATES_PATH.slice(1),
    element: (
      <Loading>
        <RatesPage />
      </Loading>
    ),
  },
];

// The declarations pages share one chunk, fetched on the first visit to any of them; all need a user.
const declarationPages = () => import("./pages/declarations");
function declarationPage(
  name:
    | "NewDeclarationPage"
    | "EditDeclarationPage"
    | "MyDeclarationsPage"
    | "LaneQueuePage"
    | "RiskRulesPage"
    | "RiskSettingsPage"
    | "PortDashboardPage",
) {
  const Page: ComponentType = lazy(() => declarationPages().then((pages) => ({ default: pages[name] })));
  return Page;
}
const DeclarationPage = lazy(() => declarationPages().then((pages) => ({ default: pages.DeclarationPage })));

function signedIn(element: ReactNode) {
  return (
    <RequireAuth>
      <Loading>{element}</Loading>
    </RequireAuth>
  );
}

function declarationRoute(path: string, Page: ComponentType): RouteObject {
  return { path: path.slice(1), element: signedIn(<Page />) };
}

const declarationRoutes: RouteObject[] = [
  { path: DECLARATIONS_PATH.slice(1), element: <DeclarationsLandingPage /> },
  declarationRoute(NEW_DECLARATION_PATH, declarationPage("NewDeclarationPage")),
  declarationRoute(MY_DECLARATIONS_PATH, declarationPage("MyDeclarationsPage")),
  { path: "declarations/:id", element: signedIn(<DeclarationPage view="declarant" />) },
  declarationRoute("/declarations/:id/edit", declarationPage("EditDeclarationPage")),
  declarationRoute(LANE_QUEUE_PATH, declarationPage("LaneQueuePage")),
  { path: "customs/declarations/:id", element: signedIn(<DeclarationPage view="customs" />) },
  declarationRoute(RISK_RULES_PATH, declarationPage("RiskRulesPage")),
  declarationRoute(RISK_SETTINGS_PATH, declarationPage("RiskSettingsPage")),
  declarationRoute(PORT_DASHBOARD_PATH, declarationPage("PortDashboardPage")),
];

// The knowledge base's pages share one chunk, fetched on the first visit to any of them; reading needs no
// account, following and editing do.
const knowledgePages = () => import("./pages/knowledge");
function knowledgePage(
  name:
    | "SearchPage"
    | "DocumentPage"
    | "AppliesPage"
    | "TermBankPage"
    | "SubscriptionsPage"
    | "NotificationsPage"
    | "EditorDeskPage"
    | "NewDocumentPage"
    | "EditDocumentPage",
) {
  const Page: ComponentType = lazy(() => knowledgePages().then((pages) => ({ default: pages[name] })));
  return Page;
}

const knowledgeRoutes: RouteObject[] = [
  lazyRoute("knowledge", knowledgePage("SearchPage")),
  lazyRoute("knowledge/applies", knowledgePage("AppliesPage")),
  lazyRoute("knowledge/terms", knowledgePage("TermBankPage")),
  lazyRoute("knowledge/documents/:id", knowledgePage("DocumentPage")),
  lazyRoute("knowledge/documents/:id/edit", knowledgePage("EditDocumentPage"), true),
  lazyRoute("knowledge/subscriptions", knowledgePage("SubscriptionsPage"), true),
  lazyRoute("knowledge/notifications", knowledgePage("NotificationsPage"), true),
  lazyRoute("knowledge/editor", knowledgePage("EditorDeskPage"), true),
  lazyRoute("knowledge/editor/new", knowledgePage("NewDocumentPage"), true),
];

// The quotas pages share one chunk: pools, allocation lists and licence verification are public;
// applying, one's own licences and the officers' desk need a user.
const quotaPages = () => import("./pages/quotas");
function quotaPage(
  name:
    | "QuotasPage"
    | "PoolPage"
    | "ApplyPage"
    | "NewPoolPage"
    | "EditPoolPage"
    | "PoolApplicationsPage"
    | "MyApplicationsPage"
    | "MyLicencesPage"
    | "LicencePage"
    | "VerifyPage",
) {
  const Page: ComponentType = lazy(() => quotaPages().then((pages) => ({ default: pages[name] })));
  return Page;
}

function lazyRoute(path: string, Page: ComponentType, needsUser = false): RouteObject {
  return {
    path,
    element: needsUser ? (
      signedIn(<Page />)
    ) : (
      <Loading>
        <Page />
      </Loading>
    ),
  };
}

const quotaRoutes: RouteObject[] = [
  lazyRoute("quotas", quotaPage("QuotasPage")),
  lazyRoute("quotas/verify", quotaPage("VerifyPage")),
  lazyRoute("quotas/pools/new", quotaPage("NewPoolPage"), true),
  lazyRoute("quotas/pools/:id", quotaPage("PoolPage")),
  lazyRoute("quotas/pools/:id/edit", quotaPage("EditPoolPage"), true),
  lazyRoute("quotas/pools/:id/apply", quotaPage("ApplyPage"), true),
  lazyRoute("quotas/pools/:id/applications", quotaPage("PoolApplicationsPage"), true),
  lazyRoute("quotas/applications", quotaPage("MyApplicationsPage"), true),
  lazyRoute("quotas/licences", quotaPage("MyLicencesPage"), true),
  lazyRoute("quotas/licences/:number", quotaPage("LicencePage"), true),
];

// The statistics pages share one chunk; all are public except the statisticians' datasets and calibers.
const statisticsPages = () => import("./pages/statistics");
function statisticsPage(
  name: "StatisticsPage" | "MirrorPage" | "UnitValuesPage" | "DatasetsPage" | "CalibersPage",
) {
  const Page: ComponentType = lazy(() => statisticsPages().then((pages) => ({ default: pages[name] })));
  return Page;
}

const statisticsRoutes: RouteObject[] = [
  lazyRoute("statistics", statisticsPage("StatisticsPage")),
  lazyRoute("statistics/mirror", statisticsPage("MirrorPage")),
  lazyRoute("statistics/unit-values", statisticsPage("UnitValuesPage")),
  lazyRoute("statistics/datasets", statisticsPage("DatasetsPage"), true),
  // One route with an optional name, so opening a caliber from the list keeps the page mounted.
  lazyRoute("statistics/calibers/:name?", statisticsPage("CalibersPage"), true),
];

const router = createBrowserRouter([
  {
    path: "/",
    element: <Layout />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomePage /> },
          { path: "login", element: <LoginPage /> },
          ...MODULES.filter((id) => !isModuleBuilt(id)).map((id) => ({
            path: modulePath(id).slice(1),
            element: <ModulePage module={id} />,
          })),
          ...referenceRoutes,
          ...registryRoutes,
          ...declarationRoutes,
          ...tariffRoutes,
          ...knowledgeRoutes,
          ...quotaRoutes,
          ...statisticsRoutes,
          {
            path: "account",
            element: (
              <RequireAuth>
                <AccountPage />
              </RequireAuth>
            ),
          },
          ...devRoutes,
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
