// Addresses of the registry's pages, shared by the pages, the navigation and the routes.
export const ENTERPRISES_PATH = "/enterprises";
export const REGISTER_PATH = "/enterprises/register";
export const QUEUE_PATH = "/enterprises/queue";

export function enterprisePath(id: string): string {
  return `${ENTERPRISES_PATH}/${encodeURIComponent(id)}`;
}

export function enterpriseEditPath(id: string): string {
  return `${enterprisePath(id)}/edit`;
}
