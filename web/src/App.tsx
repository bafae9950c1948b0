import { type ComponentType, lazy, type ReactNode, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { createBrowserRouter, type RouteObject, useRouteError } from "react-router";
import { RouterProvider } from "react-router/dom";
import { ErrorState, PageHeader, Spinner } from "./components";
import { Layout } from "./layout/Layout";
import { isModuleBuilt, MODULES, modulePath } from "./modules";
import { AccountPage } from "./pages/AccountPage";
import { HomePage } from "./pages/HomePage";
import { LoginPage } from "./pages/LoginPage";
import { ModulePage } from "./pages/ModulePage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { RequireAuth } from "./pages/RequireAuth";
import { HsBrowserPage } from "./pages/reference/HsBrowserPage";
import { ReferencePage } from "./pages/reference/ReferencePage";
import { DeclarationsPage } from "./pages/tariffs/DeclarationsPage";
import { DECLARATIONS_PATH, LANDED_COST_PATH, RATES_PATH } from "./pages/tariffs/paths";

/** Shown inside the layout when rendering a page throws, instead of a blank screen. */
function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
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
  { path: DECLARATIONS_PATH.slice(1), element: <DeclarationsPage /> },
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
          ...tariffRoutes,
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
