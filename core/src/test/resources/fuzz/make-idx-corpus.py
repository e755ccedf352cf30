import struct, gzip, sys
R=sys.argv[1]
def idx(dims, data):
    return struct.pack('>I', 0x0800 | len(dims)) + b''.join(struct.pack('>I', d) for d in dims) + bytes(data)
open(R+'/01-images-3x2x2', 'wb').write(idx([3,2,2], range(12)))
open(R+'/02-labels-5', 'wb').write(idx([5], [0,1,2,9,3]))
open(R+'/03-images-2x4x3.gz', 'wb').write(gzip.compress(idx([2,4,3], [i*7 % 256 for i in range(24)]), mtime=0))
open(R+'/04-labels-3.gz', 'wb').write(gzip.compress(idx([3], [1,2,3]), mtime=0))
