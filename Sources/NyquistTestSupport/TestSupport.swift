import Foundation
import Nyquist
