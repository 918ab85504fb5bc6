import Catalog
import GRDB
