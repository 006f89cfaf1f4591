import type { Supplier } from './domain';

/**
 * What the desk must know about each supplier's business, as data rather than branches: services and jobs read
 * these traits instead of testing which supplier they have.
 */
export interface ProviderTraits {
  /** Ascenda takes exactly one item per order (CONFIRMED); GiftCard Partners may split a line. */
  oneItemPerOrder: boolean;
  /** The supplier draws orders from a prepaid deposit the desk watches (GiftCard Partners). */
  keepsDeposit: boolean;
  /** Order lines carry no currency of their own: the product's, else the deposit's, applies. */
  linesWithoutCurrency: boolean;
  /** Order lines carry the product's id only: the desk lists them by the catalogue's names. */
  linesWithoutNames: boolean;
  /** The supplier transfers members' points to loyalty programmes (Ascenda, api-notes §17). */
  pointsTransfers: boolean;
  /** What the supplier calls our reference on the wire, as the forms label it. */
  referenceName: string;
  /** The supplier receives the member's id with the order (else only the desk's journal holds it). */
  receivesMemberId: boolean;
  /** The supplier ships physical cards, from shipping methods and carriers listed with its catalogue. */
  shipsPhysicalCards: boolean;
}

export const PROVIDER_TRAITS: Record<Supplier, ProviderTraits> = {
  ascenda: {
    oneItemPerOrder: true,
    keepsDeposit: false,
    linesWithoutCurrency: false,
    linesWithoutNames: false,
    pointsTransfers: true,
    referenceName: 'reference_id',
    receivesMemberId: true,
    shipsPhysicalCards: false,
  },
  gcp: {
    oneItemPerOrder: false,
    keepsDeposit: true,
    linesWithoutCurrency: true,
    linesWithoutNames: true,
    pointsTransfers: false,
    referenceName: 'PONumber',
    receivesMemberId: false,
    shipsPhysicalCards: true,
  },
};

/** The supplier whose prepaid deposit the Balance screen watches. */
export const DEPOSIT_SUPPLIER: Supplier = (Object.keys(PROVIDER_TRAITS) as Supplier[]).find(
  (supplier) => PROVIDER_TRAITS[supplier].keepsDeposit,
)!;

/** The supplier whose loyalty programmes take points transfers. */
export const TRANSFER_SUPPLIER: Supplier = (Object.keys(PROVIDER_TRAITS) as Supplier[]).find(
  (supplier) => PROVIDER_TRAITS[supplier].pointsTransfers,
)!;

/** The supplier whose catalogue lists the shipping methods and carriers of physical cards. */
export const SHIPPING_SUPPLIER: Supplier = (Object.keys(PROVIDER_TRAITS) as Supplier[]).find(
  (supplier) => PROVIDER_TRAITS[supplier].shipsPhysicalCards,
)!;
