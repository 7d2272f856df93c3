import { useCart } from './cart';
import { AdminPage } from './pages/admin-page';
import { CartPage } from './pages/cart-page';
import { CataloguePage } from './pages/catalogue-page';
import { LoginPage } from './pages/login-page';
import { OrderPage } from './pages/order-page';
import { OrdersPage } from './pages/orders-page';
import { ProductPage } from './pages/product-page';
import { href, useRoute } from './route';
import type { Route } from './route';
import { useSession } from './session';

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'product':
      return <ProductPage id={route.id} />;
    case 'cart':
      return <CartPage />;
    case 'login':
      return <LoginPage />;
    case 'order':
      return <OrderPage key={route.id} id={route.id} />;
    case 'orders':
      return <OrdersPage />;
    case 'admin':
      return <AdminPage />;
    default:
      return <CataloguePage />;
  }
}

function Header() {
  const { session, signOut } = useSession();
  const { lines } = useCart();
  const units = lines.reduce((sum, line) => sum + line.quantity, 0);
  return (
    <header>
      <a href={href({ page: 'catalogue' })}>
        <strong>shopgraph</strong>
      </a>
      <nav>
        <a href={href({ page: 'cart' })}>Cart ({units})</a>
        {session && <a href={href({ page: 'orders' })}>Orders</a>}
        {session?.user.role === 'ADMIN' && <a href={href({ page: 'admin' })}>Admin</a>}
        {session ? (
          <button onClick={signOut}>Log out {session.user.name}</button>
        ) : (
          <a href={href({ page: 'login' })}>Log in</a>
        )}
      </nav>
    </header>
  );
}

/** The storefront: a header and the page the URL hash names. */
export function App() {
  const route = useRoute();
  return (
    <>
      <Header />
      <main>
        <Page route={route} />
      </main>
    </>
  );
}
