/** Routes of the vendor workspace, and the public pages it links to. */
export const vendorPaths = {
  home: '/vendor',
  profile: '/vendor/profile',
  recommendations: '/vendor/recommendations',
  scenario: (id: string) => `/vendor/scenarios/${id}`,
  followed: '/vendor/followed',
  savedSearches: '/vendor/saved-searches',
  newProposal: (scenarioId: string) => `/vendor/proposals/new?scenario=${encodeURIComponent(scenarioId)}`,
  proposal: (id: string) => `/vendor/proposals/${id}`,
  proposals: '/vendor/proposals',
  invitations: '/vendor/invitations',
  delivery: (scenarioId: string) => `/vendor/deliveries/${scenarioId}`,
};

/**
 * The public detail page of a scenario (public area). Assumed to be `/scenarios/:codeOrId`; one place
 * to change if the public area settles on another path.
 */
export const publicScenarioPath = (scenario: { id: string; code?: string | null }) =>
  `/scenarios/${scenario.code ?? scenario.id}`;

/** The public opportunity list with filters (its query string as `SavedSearchView.listQuery`). */
export const publicListPath = (listQuery: string) => (listQuery ? `/?${listQuery}` : '/');
