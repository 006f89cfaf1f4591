import type { ComponentType } from 'react';
import type { Supplier } from '../../../../shared/domain';
import type { CatalogueItem } from '../order-form';
import { AscendaFields } from './AscendaFields';
import type { SupplierFieldsProps } from './fields-props';
import { GcpFields } from './GcpFields';

type ItemOf<S extends Supplier> = Extract<CatalogueItem, { supplier: S }>;

/** Each supplier's own fields of the gift-card form. */
const SUPPLIER_FIELDS: { [S in Supplier]: ComponentType<SupplierFieldsProps<ItemOf<S>>> } = {
  ascenda: AscendaFields,
  gcp: GcpFields,
};

/** The fields of the picked item's supplier: the form's one choice by supplier. */
export function SupplierFields<S extends Supplier>(props: SupplierFieldsProps<ItemOf<S>>) {
  const Fields = SUPPLIER_FIELDS[props.item.supplier as S] as ComponentType<SupplierFieldsProps<ItemOf<S>>>;
  return <Fields {...props} />;
}
