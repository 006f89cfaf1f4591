import type { Profile } from '../../../../shared/domain';
import type { CatalogueItem } from '../order-form';
import type { PlacementForm } from '../use-placement-form';

/** What a supplier's own fields of the gift-card form get: the picked item, the form, and the profile. */
export interface SupplierFieldsProps<Item extends CatalogueItem> {
  item: Item;
  form: PlacementForm;
  profile: Profile;
}
