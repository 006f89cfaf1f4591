import type { CatalogueEntry } from '../../../shared/catalogue';
import { describePoints, pointsAtCurrentRate, type PointRates } from '../../../shared/points';
import { SUPPLIER_NAMES } from '../../../shared/domain';
import { formatMoney, formatWhen } from '../../format';
import { SupplierHtml } from './SupplierHtml';
import { Fact } from '../../components/Fact';

interface CatalogueDetailProps {
  entry: CatalogueEntry;
  rates: PointRates;
  onClose(): void;
  onPlace(): void;
}

/** One card as the supplier delivered it (names, text and images unchanged), with its points prices. */
export function CatalogueDetail({ entry, rates, onClose, onPlace }: CatalogueDetailProps) {
  const { item } = entry;
  return (
    <section className="detail-panel catalogue-detail" aria-labelledby="catalogue-detail-heading">
      <header className="detail-header">
        <h2 id="catalogue-detail-heading">{item.name}</h2>
        <button type="button" className="button" onClick={onClose}>
          Close card
        </button>
      </header>
      {!entry.available && (
        <p className="banner banner-warning" role="alert">
          Withdrawn: no longer in {SUPPLIER_NAMES[item.supplier]}’s listing. It cannot be ordered.
        </p>
      )}
      {item.imageUrl && <img className="card-image" src={item.imageUrl} alt={`${item.name} as supplied`} />}
      <dl className="facts">
        <Fact term="Supplier">{SUPPLIER_NAMES[item.supplier]}</Fact>
        <div>
          <dt>Id</dt>
          <dd className="path">{item.id}</dd>
        </div>
        {item.supplier === 'ascenda' ? (
          <>
            <Fact term="Brand">{item.brandName}</Fact>
            <Fact term="Categories">{item.categories.join(', ') || '—'}</Fact>
            <Fact term="Country">{item.country ?? '—'}</Fact>
            <Fact term="Recipient needs">{item.requiredRecipientFields.join(', ') || '—'}</Fact>
          </>
        ) : (
          <>
            <Fact term="Type">
              {item.kind}, {item.denominationType.toLowerCase()} value
            </Fact>
            <Fact term="Delivery">{item.deliveryTypes.join(', ')}</Fact>
            <Fact term="Fee / discount">
              {formatMoney(item.fee, item.currency)} / {item.discountPercentage}
            </Fact>
          </>
        )}
        <Fact term="Fetched">{formatWhen(entry.fetchedAt)}</Fact>
      </dl>
      <h3>Denominations and points</h3>
      <ul className="denominations" aria-label="Denominations and points">
        {item.denominations.map((value) => (
          <li key={value}>
            {formatMoney(value, item.currency)} ={' '}
            {describePoints(pointsAtCurrentRate(value, item.currency, rates), item.currency)}
          </li>
        ))}
      </ul>
      <button type="button" className="button button-primary" disabled={!entry.available} onClick={onPlace}>
        Place order for this card
      </button>
      <h3>Description</h3>
      <SupplierHtml
        label="Description"
        html={item.supplier === 'ascenda' ? item.description : item.shortDescription}
      />
      <h3>Terms</h3>
      <SupplierHtml label="Terms" html={item.terms} />
      {item.supplier === 'ascenda' && (
        <>
          <h3>How to redeem</h3>
          <SupplierHtml label="How to redeem" html={item.redemptionInstructions} />
        </>
      )}
    </section>
  );
}
