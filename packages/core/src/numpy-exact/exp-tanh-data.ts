/**
 * The lookup tables of the float64 exp and tanh kernels that numpy 1.24 runs on AVX512_SKX CPUs, used by
 * ./exp-tanh.ts. Each entry is the IEEE-754 bit pattern of a double, as the sources write them; all were checked
 * equal, entry for entry, to the read-only data of Debian's python3-numpy 1.24.2 _multiarray_umath.so.
 * - EXP_TH, EXP_HA: Intel SVML's exp for numpy (github.com/numpy/SVML, linux/avx512/svml_z0_exp_d_la.s):
 *   the first 16 entries of __svml_dexp_data_internal_avx512 and the 64 pairs of _imldExpHATab.
 * - TANH_TABLE: numpy/core/src/umath/loops_hyperbolic.dispatch.c.src, simd_tanh_f64's lut16x18 (itself from
 *   SVML's svml_z0_tanh_d_la.s).
 */

/** Decodes 16-hex-digit bit patterns into doubles. */
function fromBits(hex: readonly string[]): Float64Array {
  const view = new DataView(new ArrayBuffer(8 * hex.length));
  hex.forEach((h, i) => view.setBigUint64(8 * i, BigInt(`0x${h}`)));
  return Float64Array.from(hex, (_, i) => view.getFloat64(8 * i));
}

/** 2^(j/16) rounded to nearest, j = 0..15: the main path's table. */
export const EXP_TH = fromBits([
  '3ff0000000000000', '3ff0b5586cf9890f', '3ff172b83c7d517b', '3ff2387a6e756238',
  '3ff306fe0a31b715', '3ff3dea64c123422', '3ff4bfdad5362a27', '3ff5ab07dd485429',
  '3ff6a09e667f3bcd', '3ff7a11473eb0187', '3ff8ace5422aa0db', '3ff9c49182a3f090',
  '3ffae89f995ad3ad', '3ffc199bdd85529c', '3ffd5818dcfba487', '3ffea4afa2a490da',
]);

/** 2^(j/64) as a pair (rounded value, remainder) at [2j], [2j + 1], j = 0..63: the table of the |x| >= 707.7 path. */
export const EXP_HA = fromBits([
  '3ff0000000000000', '0000000000000000', '3ff02c9a3e778061', 'bc7160139cd8dc5d',
  '3ff059b0d3158574', '3c8cd2523567f613', '3ff0874518759bc8', '3c60f74e61e6c861',
  '3ff0b5586cf9890f', '3c979aa65d837b6d', '3ff0e3ec32d3d1a2', '3c3ebe3d702f9cd1',
  '3ff11301d0125b51', 'bc9556522a2fbd0e', '3ff1429aaea92de0', 'bc91c923b9d5f416',
  '3ff172b83c7d517b', 'bc801b15eaa59348', '3ff1a35beb6fcb75', '3c8b898c3f1353bf',
  '3ff1d4873168b9aa', '3c9aecf73e3a2f60', '3ff2063b88628cd6', '3c8a6f4144a6c38d',
  '3ff2387a6e756238', '3c968efde3a8a894', '3ff26b4565e27cdd', '3c80472b981fe7f2',
  '3ff29e9df51fdee1', '3c82f7e16d09ab31', '3ff2d285a6e4030b', '3c8b3782720c0ab4',
  '3ff306fe0a31b715', '3c834d754db0abb6', '3ff33c08b26416ff', '3c8fdd395dd3f84a',
  '3ff371a7373aa9cb', 'bc924aedcc4b5068', '3ff3a7db34e59ff7', 'bc71d1e83e9436d2',
  '3ff3dea64c123422', '3c859f48a72a4c6d', '3ff4160a21f72e2a', 'bc58a78f4817895b',
  '3ff44e086061892d', '3c4363ed60c2ac11', '3ff486a2b5c13cd0', '3c6ecce1daa10379',
  '3ff4bfdad5362a27', '3c7690cebb7aafb0', '3ff4f9b2769d2ca7', 'bc8f94340071a38e',
  '3ff5342b569d4f82', 'bc78dec6bd0f385f', '3ff56f4736b527da', '3c93350518fdd78e',
  '3ff5ab07dd485429', '3c9063e1e21c5409', '3ff5e76f15ad2148', '3c9432e62b64c035',
  '3ff6247eb03a5585', 'bc8c33c53bef4da8', '3ff6623882552225', 'bc93cedd78565858',
  '3ff6a09e667f3bcd', 'bc93b3efbf5e2228', '3ff6dfb23c651a2f', 'bc6367efb86da9ee',
  '3ff71f75e8ec5f74', 'bc781f647e5a3ecf', '3ff75feb564267c9', 'bc8619321e55e68a',
  '3ff7a11473eb0187', 'bc7b32dcb94da51d', '3ff7e2f336cf4e62', '3c65ebe1abd66c55',
  '3ff82589994cce13', 'bc9369b6f13b3734', '3ff868d99b4492ed', 'bc94d450d872576e',
  '3ff8ace5422aa0db', '3c8db72fc1f0eab4', '3ff8f1ae99157736', '3c7bf68359f35f44',
  '3ff93737b0cdc5e5', 'bc5da9b88b6c1e29', '3ff97d829fde4e50', 'bc92434322f4f9aa',
  '3ff9c49182a3f090', '3c71affc2b91ce27', '3ffa0c667b5de565', 'bc87c50422622263',
  '3ffa5503b23e255d', 'bc91bbd1d3bcbb15', '3ffa9e6b5579fdbf', '3c8469846e735ab3',
  '3ffae89f995ad3ad', '3c8c1a7792cb3387', '3ffb33a2b84f15fb', 'bc55c3d956dcaeba',
  '3ffb7f76f2fb5e47', 'bc68d6f438ad9334', '3ffbcc1e904bc1d2', '3c74ffd70a5fddcd',
  '3ffc199bdd85529c', '3c736eae30af0cb3', '3ffc67f12e57d14b', '3c84e08fd10959ac',
  '3ffcb720dcef9069', '3c676b2c6c921968', '3ffd072d4a07897c', 'bc8fad5d3ffffa6f',
  '3ffd5818dcfba487', '3c74a385a63d07a7', '3ffda9e603db3285', '3c8e5a50d5c192ac',
  '3ffdfc97337b9b5f', 'bc82d52107b43e1f', '3ffe502ee78b3ff6', '3c74b604603a88d3',
  '3ffea4afa2a490da', 'bc8ff7128fd391f0', '3ffefa1bee615a27', '3c8ec3bc41aa2008',
  '3fff50765b6e4540', '3c8a64a931d185ee', '3fffa7c1819e90d8', '3c77893b4d91cd9d',
]);

/**
 * 18 rows of 16: B, then c0..c16. The interval of |x| is picked by its exponent and first mantissa bit (half
 * binades): [0, 3/16), [3/16, 1/4), [1/4, 3/8), [3/8, 1/2), ..., [12, 16), [16, 24), and [24, ...) where the
 * polynomial is the constant 1.
 */
export const TANH_TABLE = fromBits([
  // b
  '0000000000000000', '3fcc000000000000', '3fd4000000000000', '3fdc000000000000',
  '3fe4000000000000', '3fec000000000000', '3ff4000000000000', '3ffc000000000000',
  '4004000000000000', '400c000000000000', '4014000000000000', '401c000000000000',
  '4024000000000000', '402c000000000000', '4034000000000000', '0000000000000000',
  // c0
  '0000000000000000', '3fcb8fd0416a7c92', '3fd35f98a0ea650e', '3fda5729ee488037',
  '3fe1bf47eabb8f95', '3fe686650b8c2015', '3feb2523bb6b2dee', '3fee1fbf97e33527',
  '3fef9258260a71c2', '3feff112c63a9077', '3fefff419668df11', '3feffffc832750f2',
  '3feffffffdc96f35', '3fefffffffffcf58', '3ff0000000000000', '3ff0000000000000',
  // c1
  '3ff0000000000000', '3fee842ca3f08532', '3fed11574af58f1b', '3fea945b9c24e4f9',
  '3fe6284c3374f815', '3fe02500a09f8d6e', '3fd1f25131e3a8c0', '3fbd22ca1c24a139',
  '3f9b3afe1fba5c76', '3f6dd37d19b22b21', '3f27ccec13a9ef96', '3ecbe6c3f33250ae',
  '3e41b4865394f75f', '3d8853f01bda5f28', '3c73953c0197ef58', '0000000000000000',
  // c2
  'bbf0b3ea3fdfaa19', 'bfca48aaeb53bc21', 'bfd19921f4329916', 'bfd5e0f09bef8011',
  'bfd893b59c35c882', 'bfd6ba7cb7576538', 'bfce7291743d7555', 'bfbb6d85a01efb80',
  'bf9addae58c7141a', 'bf6dc59376c7aa19', 'bf27cc5e74677410', 'becbe6c0e8b4cc87',
  'be41b486526b0565', 'bd8853f01bef63a4', 'bc73955be519be31', '0000000000000000',
  // c3
  'bfd5555555555555', 'bfd183afc292ba11', 'bfcc1a4b039c9bfa', 'bfc16e1e6d8d0be6',
  'bf92426c751e48a2', '3fb4f152b2bad124', '3fbbba40cbef72be', '3fb01ba038be6a3d',
  '3f916df44871efc8', '3f63c6869dfc8870', '3f1fb9aef915d828', '3ec299d1e27c6e11',
  '3e379b5ddcca334c', '3d8037f57bc62c9a', '3c6a2d4b50a2cff7', '0000000000000000',
  // c4
  'bce6863ee44ed636', '3fc04dcd0476c75e', '3fc43d3449a80f08', '3fc5c26f3699b7e7',
  '3fc1a686f6ab2533', '3faf203c316ce730', 'bf89c7a02788557c', 'bf98157e26e0d541',
  'bf807b55c1c7d278', 'bf53a18d5843190f', 'bf0fb6bbc89b1a5b', 'beb299c9c684a963',
  'be279b5dd4fb3d01', 'bd7037f57ae72aa6', 'bc5a2ca2bba78e86', '0000000000000000',
  // c5
  '3fc1111111112ab5', '3fb5c19efdfc08ad', '3fa74c98dc34fbac', 'bf790d6a8eff0a77',
  'bfac3c021789a786', 'bfae2196b7326859', 'bf93a7a011ff8c2a', '3f6e4709c7e8430e',
  '3f67682afa611151', '3f3ef2ee77717cbf', '3ef95a4482f180b7', '3e9dc2c27da3b603',
  '3e12e2afd9f7433e', '3d59f320348679ba', '3c44b61d9bbcc940', '0000000000000000',
  // c6
  'bda1ea19ddddb3b4', 'bfb0b8df995ce4df', 'bfb2955cf41e8164', 'bfaf9d05c309f7c6',
  'bf987d27ccff4291', '3f8b2ca62572b098', '3f8f1cf6c7f5b00a', '3f60379811e43dd5',
  'bf4793826f78537e', 'bf2405695e36240f', 'bee0e08de39ce756', 'be83d709ba5f714e',
  'bdf92e3fc5ee63e0', 'bd414cc030f2110e', 'bc2ba022e8d82a87', '0000000000000000',
  // c7
  'bfaba1ba1990520b', 'bf96e37bba52f6fc', '3ecff7df18455399', '3f97362834d33a4e',
  '3f9e7f8380184b45', '3f869543e7c420d4', 'bf7326bd4914222a', 'bf5fc15b0a9d98fa',
  '3f14cffcfa69fbb6', '3f057e48e5b79d10', '3ec33b66d7d77264', '3e66ac4e578b9b10',
  '3ddcc74b8d3d5c42', '3d23c589137f92b4', '3c107f8e2c8707a1', '0000000000000000',
  // c8
  'be351ca7f096011f', '3f9eaaf3320c3851', '3f9cf823fe761fc1', '3f9022271754ff1f',
  'bf731fe77c9c60af', 'bf84a6046865ec7d', 'bf4ca3f1f2b9192b', '3f4c77dee0afd227',
  '3f04055bce68597a', 'bee2bf0cb4a71647', 'bea31eaafe73efd5', 'be46abb02c4368ed',
  'bdbcc749ca8079dd', 'bd03c5883836b9d2', 'bbf07a5416264aec', '0000000000000000',
  // c9
  '3f9664f94e6ac14e', 'bf94d3343bae39dd', 'bf7bc748e60df843', 'bf8c89372b43ba85',
  'bf8129a092de747a', '3f60c85b4d538746', '3f5be9392199ec18', 'bf2a0c68a4489f10',
  'bf00462601dc2faa', '3eb7b6a219dea9f4', '3e80cbcc8d4c5c8a', '3e2425bb231a5e29',
  '3d9992a4beac8662', '3ce191ba5ed3fb67', '3bc892450bad44c4', '0000000000000000',
  // c10
  'bea8c4c1fd7852fe', 'bfccce16b1046f13', 'bf81a16f224bb7b6', 'bf62cbf00406bc09',
  '3f75b29bb02cf69b', '3f607df0f9f90c17', 'bf4b852a6e0758d5', 'bf0078c63d1b8445',
  '3eec12eadd55be7a', 'be6fa600f593181b', 'be5a3c935dce3f7d', 'be001c6d95e3ae96',
  'bd74755a00ea1fd3', 'bcbc1c6c063bb7ac', 'bba3be9a4460fe00', '0000000000000000',
  // c11
  'bf822404577aa9dd', '403d8b07f7a82aa3', 'bf9f44ab92fbab0a', '3fb2eac604473d6a',
  '3f45f87d903aaac8', 'bf5e104671036300', '3f19bc98ddf0f340', '3f0d4304bc9246e8',
  'bed13c415f7b9d41', 'be722b8d9720cdb0', '3e322666d739bec0', '3dd76a553d7e7918',
  '3d4de0fa59416a39', '3c948716cf3681b4', '3b873f9f2d2fda99', '0000000000000000',
  // c12
  'befdd99a221ed573', '4070593a3735bab4', 'bfccab654e44835e', '3fd13ed80037dbac',
  'bf6045b9076cc487', '3f2085ee7e8ac170', '3f23524622610430', 'beff12a6626911b4',
  '3eab9008bca408af', '3e634df71865f620', 'be05bb1bcf83ca73', 'bdaf2ac143fb6762',
  'bd23eae52a3dbf57', 'bc6b5e3e9ca0955e', 'bb5eca68e2c1ba2e', '0000000000000000',
  // c13
  '3f6e3be689423841', 'c0d263511f5baac1', '40169f73b15ebe5c', 'c025c1dd41cd6cb5',
  'bf58fd89fe05e0d1', '3f73f7af01d5af7a', 'bf1e40bdead17e6b', '3ee224cd6c4513e5',
  'be24b645e68eeaa3', 'be4abfebfb72bc83', '3dd51c38f8695ed3', '3d8313ac38c6832b',
  '3cf7787935626685', '3c401ffc49c6bc29', 'babf0b21acfa52ab', '0000000000000000',
  // c14
  'bf2a1306713a4f3a', 'c1045e509116b066', '4041fab9250984ce', 'c0458d090ec3de95',
  'bf74949d60113d63', '3f7c9fd6200d0ade', '3f02cd40e0ad0a9f', 'be858ab8e019f311',
  'be792fa6323b7cf8', '3e2df04d67876402', 'bd95c72be95e4d2c', 'bd55a89c30203106',
  'bccad6b3bb9eff65', 'bc12705ccd3dd884', 'ba8e0a4c47ae75f5', '0000000000000000',
  // c15
  'bf55d7e76dc56871', '41528c38809c90c7', 'c076d57fb5190b02', '4085f09f888f8ada',
  '3fa246332a2fcba5', 'bfb29d851a896fcd', '3ed9065ae369b212', 'beb8e1ba4c98a030',
  '3e6ffd0766ad4016', 'be0c63c29f505f5b', 'bd7fab216b9e0e49', '3d2826b62056aa27',
  '3ca313e31762f523', '3bea37aa21895319', '3ae5c7f1fd871496', '0000000000000000',
  // c16
  '3f35e67ab76a26e7', '41848ee0627d8206', 'c0a216d618b489ec', '40a5b89107c8af4f',
  '3fb69d8374520eda', 'bfbded519f981716', 'bef02d288b5b3371', '3eb290981209c1a6',
  'be567e924bf5ff6e', '3de3f7f7de6b0eb6', '3d69ed18bae3ebbc', 'bcf7534c4f3dfa71',
  'bc730b73f1eaff20', 'bbba2cff8135d462', 'bab5a71b5f7d9035', '0000000000000000',
]);
