import type { SubgraphName } from '@shopgraph/stack/subgraph-names';

export const TEST_ROLE_PASSWORD = 'test-role-password';
export const templateDatabase = (name: SubgraphName): string => `template_${name}`;
export const serviceRole = (name: SubgraphName): string => `${name}_service`;
