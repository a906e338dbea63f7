import { PlatformApp } from '../lib';
import { ApiServerStack } from './api-server-stack';
import { ShopStack } from './shop-stack';

/** Defines every example stack in `app`: what `apps/main.ts` synthesizes, and what the tests check. */
export function defineExamples(app: PlatformApp): { production: ApiServerStack; shop: ShopStack } {
  return {
    production: new ApiServerStack(app, 'production'),
    shop: new ShopStack(app, 'shop'),
  };
}
